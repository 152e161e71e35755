import { AGENT, CallView, CUSTOMER } from '../input/call-view';
import type { Evidence } from '../types/evaluation.types';
import { fail, notApplicable, numberParam, pass, RuleDefinition } from './rule-definition';

interface InterruptionConfig {
  overlapMs: number;
  allowed: number;
}

/** Customer turn c began before the agent turn and both talk for more than the threshold. */
function overlaps(v: CallView, c: number, start: number, end: number, overlapMs: number): boolean {
  // Only the time both talk counts: a short 嗯/好的 under the customer is listening.
  return v.startMs[c] < start && Math.min(v.endMs[c], end) - start > overlapMs;
}

/** The agent does not start talking over the customer (overlap above 1 s), at most once. */
export const interruptionRule: RuleDefinition<InterruptionConfig> = {
  id: 'interruption',
  requiredLists: [],
  configure: (params, _lists, issues) => ({
    overlapMs: numberParam(params, 'overlapSeconds', 1, 0, 60, issues) * 1000,
    allowed: numberParam(params, 'maxInterruptions', 1, 0, 100, issues),
  }),
  evaluate(ctx, cfg) {
    const v = ctx.view;
    if (v.agentCount === 0 || v.customerCount === 0) return notApplicable('one side never spoke');
    const found: Evidence[] = [];
    // One pass: the two customer turns that began last are the ones an agent turn can talk over.
    let last = -1;
    let before = -1;
    for (let i = 0; i < v.count; i++) {
      const who = v.speaker[i];
      if (who === CUSTOMER) {
        before = last;
        last = i;
      } else if (who === AGENT && last >= 0) {
        const start = v.startMs[i];
        if (overlaps(v, last, start, v.endMs[i], cfg.overlapMs)) found.push(ctx.turn(i));
        else if (before >= 0 && overlaps(v, before, start, v.endMs[i], cfg.overlapMs)) {
          found.push(ctx.turn(i));
        }
      }
    }
    found.push(
      ctx.measure(
        { name: 'interruptions', value: found.length, limit: cfg.allowed },
        `talked over the customer ${found.length} time(s)`,
      ),
    );
    const times = found.length - 1;
    return times > cfg.allowed
      ? fail(found, `talked over the customer ${times} times`)
      : pass(
          found,
          times > 0 ? `talked over the customer ${times} time(s), within the limit` : undefined,
        );
  },
};
