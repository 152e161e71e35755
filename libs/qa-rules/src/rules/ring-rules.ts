import type { RuleContext } from '../engine/rule-context';
import type { Evidence, EvidenceRole } from '../types/evaluation.types';
import { fail, notApplicable, numberParam, pass, RuleDefinition } from './rule-definition';

/** The rings (against the limit) and, when the times give it, the seconds until the answer. */
function ringEvidence(
  ctx: RuleContext,
  rings: number,
  limit: number,
  role: EvidenceRole,
): Evidence[] {
  const v = ctx.view;
  const out = [ctx.measure({ name: 'ringCount', value: rings, limit }, `${rings} ring(s)`, role)];
  const ms = (v.abandoned ? v.endedMs : v.answeredMs) - v.startedMs;
  if (ms >= 0) {
    const s = Math.round(ms / 100) / 10;
    out.push(
      ctx.measure(
        { name: 'answerSeconds', value: s },
        v.abandoned ? `caller gave up after ${s} s` : `answered after ${s} s`,
        role,
      ),
    );
  }
  return out;
}

/** Seed 002: answer within three rings (one ring ≈ 3 s; seconds per ring is tenant config). */
export const withinThreeRingsRule: RuleDefinition<{ maxRings: number }> = {
  id: 'answer.within-three-rings',
  requiredLists: [],
  // A caller left ringing past three rings was not answered in time, answered or not.
  judgesAbandoned: true,
  configure: (params, _lists, issues) => ({
    maxRings: numberParam(params, 'maxRings', 3, 0, 100, issues),
  }),
  evaluate(ctx, { maxRings }) {
    const rings = ctx.rings;
    // On an outbound call the customer is the one answering.
    if (ctx.view.direction === 'outbound') return notApplicable('outbound call');
    if (rings === null) return notApplicable('ring time unknown');
    const measured = ringEvidence(ctx, rings, maxRings, 'match');
    if (ctx.view.abandoned) {
      return rings > maxRings
        ? fail(measured, `rang ${rings} times and nobody answered`)
        : notApplicable(`the caller hung up after ${rings} ring(s)`, measured);
    }
    return rings <= maxRings
      ? pass(measured, `answered after ${rings} ring(s)`)
      : fail(measured, `answered after ${rings} rings`);
  },
};

interface LateApologyConfig {
  afterRings: number;
  lateApology: number;
}

/** Seed 002: after five rings, apologise first (让您久等了); DESIGN.md: more than three. */
export const lateApologyRule: RuleDefinition<LateApologyConfig> = {
  id: 'answer.late-apology',
  requiredLists: ['lateApology'],
  configure: (params, lists, issues) => ({
    afterRings: numberParam(params, 'afterRings', 3, 0, 100, issues),
    lateApology: lists('lateApology'),
  }),
  evaluate(ctx, cfg) {
    if (ctx.view.direction === 'outbound') return notApplicable('outbound call');
    if (ctx.rings === null) return notApplicable('ring time unknown');
    // The late answer is what makes the apology due.
    const late = ringEvidence(ctx, ctx.rings, cfg.afterRings, 'trigger');
    if (ctx.rings <= cfg.afterRings)
      return notApplicable(`answered after ${ctx.rings} ring(s)`, late);
    const end = ctx.view.openingEnd();
    if (end < 0) return notApplicable('the agent never spoke');
    const turns = ctx.view.agentTurns;
    for (let k = 0; k < ctx.view.agentCount && turns[k] <= end; k++) {
      const h = ctx.hits.first(cfg.lateApology, turns[k]);
      if (h >= 0) return pass([...late, ctx.evidence(h)]);
    }
    return fail(
      [...late, ctx.turn(turns[0], 'missing')],
      `answered after ${ctx.rings} rings without an apology for the wait`,
    );
  },
};
