import { AGENT, CUSTOMER, OTHER } from '../input/call-view';
import type { RuleContext } from '../engine/rule-context';
import type { Evidence } from '../types/evaluation.types';
import { fail, notApplicable, numberParam, pass, RuleDefinition } from './rule-definition';

interface HoldConfig {
  gapMs: number;
  request: number;
  thanks: number;
  customerHold: number;
}

/** Hits of `list` in the `count` agent turns before (dir -1) or from (dir 1) segment `at`. */
function nearAgentTurn(
  ctx: RuleContext,
  list: number,
  at: number,
  dir: -1 | 1,
  count: number,
): number {
  const v = ctx.view;
  let seen = 0;
  for (let i = at; i >= 0 && i < v.count && seen < count; i += dir) {
    if (v.speaker[i] !== AGENT) continue;
    seen++;
    const h = ctx.hits.first(list, i);
    if (h >= 0) return h;
  }
  return -1;
}

/** Where an announcement was due: the agent's last turn before segment i (or i itself). */
function agentTurnBefore(ctx: RuleContext, i: number): number {
  for (let k = i - 1; k >= 0; k--) if (ctx.view.speaker[k] === AGENT) return k;
  return i;
}

/** A silence over 15 s is announced (请稍等) and followed by thanks for waiting. */
export const holdRule: RuleDefinition<HoldConfig> = {
  id: 'hold.announced',
  requiredLists: ['holdRequest', 'holdThanks'],
  configure: (params, lists, issues) => ({
    gapMs: numberParam(params, 'gapSeconds', 15, 1, 3600, issues) * 1000,
    request: lists('holdRequest'),
    thanks: lists('holdThanks'),
    customerHold: lists('customerHold'),
  }),
  evaluate(ctx, cfg) {
    const v = ctx.view;
    const found: Evidence[] = [];
    let holds = 0;
    let lastEnd = NaN;
    let lastSpeaker = -1;
    for (let i = 0; i < v.count; i++) {
      if (v.speaker[i] === OTHER) continue;
      const start = v.startMs[i];
      if (start - lastEnd > cfg.gapMs) {
        // The customer's own pause (我找一下卡号,您等一下) is not the agent's hold.
        const customerPaused =
          lastSpeaker >= 0 &&
          v.speaker[lastSpeaker] === CUSTOMER &&
          ctx.hits.first(cfg.customerHold, lastSpeaker) >= 0;
        if (!customerPaused) {
          holds++;
          const asked = nearAgentTurn(ctx, cfg.request, i - 1, -1, 2);
          const thanked = nearAgentTurn(ctx, cfg.thanks, i, 1, 2);
          const seconds = Math.round((start - lastEnd) / 1000);
          // The silence (before segment i) is what makes the announcement and thanks due.
          found.push(
            ctx.measure(
              { name: 'silenceSeconds', value: seconds, limit: cfg.gapMs / 1000 },
              `${seconds} s of silence`,
              'trigger',
              i,
            ),
          );
          if (asked >= 0) found.push(ctx.evidence(asked));
          if (thanked >= 0) found.push(ctx.evidence(thanked));
          if (asked < 0 || thanked < 0) {
            found.push(ctx.turn(asked < 0 ? agentTurnBefore(ctx, i) : i, 'missing'));
            return fail(
              found,
              asked < 0
                ? `${seconds} s of silence before segment ${i} was not announced`
                : `no thanks for waiting after ${seconds} s of silence before segment ${i}`,
            );
          }
        }
      }
      const end = v.endMs[i];
      if (end === end && !(end <= lastEnd)) lastEnd = end;
      lastSpeaker = i;
    }
    return holds === 0 ? notApplicable('no silence over the hold threshold') : pass(found);
  },
};
