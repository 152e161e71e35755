import type { Evidence } from '../types';
import {
  evidence,
  fail,
  hitsExcept,
  hitsIn,
  notApplicable,
  outermost,
  pass,
  RuleFn,
} from './rule-context';

/** Agent speech only; a hit inside a polite exception (不知道您现在方便吗) does not count. */
export function forbiddenEvidence(ctx: Parameters<RuleFn>[0]): Evidence[] {
  const found: Evidence[] = [];
  for (const seg of ctx.agentTurns) {
    for (const h of outermost(hitsExcept(ctx, seg, 'forbidden', 'forbiddenExceptions'))) {
      found.push(evidence(ctx, seg, h));
    }
  }
  return found;
}

export const forbiddenPhrases: RuleFn = (ctx) => {
  if (ctx.agentTurns.length === 0) return notApplicable('the agent never spoke');
  const found = forbiddenEvidence(ctx);
  return found.length > 0 ? fail(found, `${found.length} forbidden phrase(s)`) : pass();
};

const OVERLAP_MS = 1000;

export const interruption: RuleFn = (ctx) => {
  const segs = ctx.call.segments;
  const found: Evidence[] = [];
  for (const a of ctx.agentTurns) {
    // The customer turn the agent could have talked over: the latest one started before it.
    for (let i = a - 1; i >= 0; i--) {
      if (segs[i].speaker !== 'customer') continue;
      if (segs[i].endMs - segs[a].startMs > OVERLAP_MS && segs[i].startMs <= segs[a].startMs) {
        found.push({
          segment: a,
          start: 0,
          end: Math.min(segs[a].text.length, 10),
          text: segs[a].text.slice(0, 10),
        });
      }
      break;
    }
  }
  if (ctx.agentTurns.length === 0 || ctx.customerTurns.length === 0)
    return notApplicable('one side never spoke');
  return found.length > 1
    ? fail(found, `talked over the customer ${found.length} times`)
    : pass(found);
};

export const empathyOnDissatisfaction: RuleFn = (ctx) => {
  const upset = ctx.customerTurns.filter(
    (s) => hitsExcept(ctx, s, 'dissatisfaction', 'complaintExceptions').length > 0,
  );
  if (upset.length === 0) return notApplicable('the customer did not complain');
  const found: Evidence[] = [];
  for (const s of upset) {
    const complaint = hitsIn(ctx, s, 'dissatisfaction')[0];
    found.push(evidence(ctx, s, complaint));
    const replies = ctx.agentTurns.filter((t) => t > s).slice(0, 2);
    const reply = replies.map((t) => ({ t, h: hitsIn(ctx, t, 'empathy')[0] })).find((r) => r.h);
    if (!reply) return fail(found, `no apology or empathy within two turns after segment ${s}`);
    found.push(evidence(ctx, reply.t, reply.h!));
  }
  return pass(found);
};
