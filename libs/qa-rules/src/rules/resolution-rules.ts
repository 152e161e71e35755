import type { Evidence } from '../types';
import { evidence, fail, firstEvidence, hitsIn, notApplicable, pass, RuleFn } from './rule-context';

export const resolutionConfirmed: RuleFn = (ctx) => {
  if (ctx.agentTurns.length === 0) return notApplicable('the agent never spoke');
  const closing = ctx.agentTurns.slice(-3);
  const found = firstEvidence(ctx, closing, 'resolutionCheck');
  return found
    ? pass([found])
    : fail([], 'the agent did not check the issue was settled before closing');
};

const DIGIT_TIME = /\d+\s*(个)?(小时|分钟|天|工作日|点|号)/;

export const promiseHasTime: RuleFn = (ctx) => {
  const found: Evidence[] = [];
  let promised = false;
  for (const seg of ctx.agentTurns) {
    const promise = hitsIn(ctx, seg, 'promise')[0];
    if (!promise) continue;
    promised = true;
    found.push(evidence(ctx, seg, promise));
    const time = hitsIn(ctx, seg, 'promiseTime')[0];
    const text = ctx.call.segments[seg].text;
    const digits = DIGIT_TIME.exec(text);
    if (time) found.push(evidence(ctx, seg, time));
    else if (digits)
      found.push(evidence(ctx, seg, { start: digits.index, end: digits.index + digits[0].length }));
    else return fail(found, 'a promise to follow up without a concrete time');
  }
  return promised ? pass(found) : notApplicable('no promise to follow up');
};

const CALLBACK_PARTS = [
  ['callbackIntro', 'self-introduction'],
  ['callbackIdentity', 'identity check'],
  ['callbackConvenience', '请问您现在方便接听电话吗'],
  ['callbackIssue', 'reference to the original issue'],
  ['callbackSatisfaction', 'satisfaction check'],
] as const;

export const callbackScript: RuleFn = (ctx) => {
  if (ctx.call.purpose !== 'callback') return notApplicable('not a callback');
  const found: Evidence[] = [];
  const missing: string[] = [];
  for (const [list, what] of CALLBACK_PARTS) {
    const e = firstEvidence(ctx, ctx.agentTurns, list);
    if (e) found.push(e);
    else missing.push(what);
  }
  return missing.length === 0
    ? pass(found)
    : fail(found, `callback script lacks: ${missing.join(', ')}`);
};
