import { AGENT, type CallView } from '../input/call-view';
import type { Evidence } from '../types/evaluation.types';
import { fail, notApplicable, numberParam, pass, RuleDefinition } from './rule-definition';

interface EmpathyConfig {
  upset: number;
  exceptions: number;
  empathy: number;
  acknowledgementExceptions: number;
  complaint: number;
  complaintExceptions: number;
  withinTurns: number;
}

/** The agent's first segment after segment c (the caller knows there is one). */
function nextAgentTurn(v: CallView, c: number): number {
  let i = c + 1;
  while (v.speaker[i] !== AGENT) i++;
  return i;
}

/** When the customer complains or is upset, the agent apologises or empathises within two turns. */
export const empathyRule: RuleDefinition<EmpathyConfig> = {
  id: 'empathy.on-dissatisfaction',
  requiredLists: ['dissatisfaction', 'empathy'],
  configure: (params, lists, issues) => ({
    upset: lists('dissatisfaction'),
    exceptions: lists('dissatisfactionExceptions'),
    empathy: lists('empathy'),
    acknowledgementExceptions: lists('acknowledgementExceptions'),
    complaint: lists('complaint'),
    complaintExceptions: lists('complaintExceptions'),
    withinTurns: numberParam(params, 'withinTurns', 2, 1, 20, issues),
  }),
  evaluate(ctx, cfg) {
    const v = ctx.view;
    const hits = ctx.hits;
    const found: Evidence[] = [];
    let upsetTurns = 0;
    // A call routed as a complaint opens with one, whatever words the customer uses.
    const complaintCall = v.purpose === 'complaint';
    // After the agent's last empathy phrase, a turn without an upset word cannot count: most
    // turns of most calls are settled without looking at the agent's replies.
    let lastEmpathy = -1;
    for (let x = hits.count - 1; x >= 0 && lastEmpathy < 0; x--)
      if (hits.list[x] === cfg.empathy) lastEmpathy = hits.segment[x];
    // The customer's turn right after the agent acknowledged an upset one.
    let episodeGoesOnAt = -1;
    for (let k = 0; k < v.customerCount; k++) {
      const c = v.customerTurns[k];
      // 我要投诉 right after the apology takes the same grievance further: already acknowledged.
      // Anything else upsetting there (上次也是这样) is an episode of its own.
      if (c === episodeGoesOnAt && hits.firstExcept(cfg.complaint, c, cfg.complaintExceptions) >= 0)
        continue;
      const h = hits.firstExcept(cfg.upset, c, cfg.exceptions);
      const upsetWord = h >= 0 || (complaintCall && k === 0);
      if (!upsetWord && c >= lastEmpathy) continue;
      // Upset at the very end with no agent turn after it: nothing to judge.
      let reply = -1;
      let seen = 0;
      for (let i = c + 1; i < v.count; i++) {
        if (v.speaker[i] !== AGENT) continue;
        // A turn is the agent's run of segments (请稍等 … 感谢您的等待 is one turn).
        if (i === c + 1 || v.speaker[i - 1] !== AGENT) {
          if (seen === cfg.withinTurns) break;
          seen++;
        }
        reply = upsetWord
          ? hits.first(cfg.empathy, i)
          : hits.firstExcept(cfg.empathy, i, cfg.acknowledgementExceptions);
        if (reply >= 0) break;
      }
      // No upset word: the turn counts only when the agent's apology or empathy shows it was one.
      if (seen === 0 || (!upsetWord && reply < 0)) continue;
      upsetTurns++;
      // The customer's words make the rule apply: context, not the agent's failure.
      found.push(h >= 0 ? ctx.evidence(h, 'trigger') : ctx.turn(c, 'trigger'));
      if (reply < 0) {
        found.push(ctx.turn(nextAgentTurn(v, c), 'missing'));
        return fail(found, `no apology or empathy within ${cfg.withinTurns} turns of segment ${c}`);
      }
      found.push(ctx.evidence(reply));
      const acknowledged = hits.segment[reply];
      if (acknowledged > c && k + 1 < v.customerCount && v.customerTurns[k + 1] > acknowledged)
        episodeGoesOnAt = v.customerTurns[k + 1];
    }
    return upsetTurns === 0 ? notApplicable('the customer did not complain') : pass(found);
  },
};
