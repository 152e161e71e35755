import { CUSTOMER } from '../input/call-view';
import type { RuleContext } from '../engine/rule-context';
import type { Evidence } from '../types/evaluation.types';
import { fail, notApplicable, pass, RuleDefinition } from './rule-definition';

/** Seed 002 呼出规范: introduce, check identity, ask if it is convenient, name the issue, check. */
const PARTS = [
  ['callbackIntro', 'self-introduction'],
  ['callbackIdentity', 'identity check'],
  ['callbackConvenience', '请问您现在方便接听电话吗'],
  ['callbackIssue', 'reference to the original issue'],
  ['callbackSatisfaction', 'satisfaction check'],
] as const;

/** The introduction belongs in the opening; `我是…` later in the call is something else. */
const INTRO_TURNS = 2;
/** Parts due before asking whether it is convenient: all a declined callback can have. */
const BEFORE_DECLINE = 3;

export interface DeclineLists {
  convenience: number;
  declined: number;
}

interface CallbackConfig extends DeclineLists {
  parts: number[];
}

/**
 * The customer's answer to 方便吗 is no (在开车, 不方便): the agent rightly stops there. Returns
 * the hit of the refusal, or -1.
 */
export function callbackDeclined(ctx: RuleContext, cfg: DeclineLists): number {
  const v = ctx.view;
  if (v.purpose !== 'callback') return -1;
  const asked = ctx.firstInAgentTurns(cfg.convenience, 0, v.agentCount);
  if (asked < 0 || cfg.declined < 0) return -1;
  for (let i = ctx.hits.segment[asked] + 1; i < v.count; i++) {
    if (v.speaker[i] !== CUSTOMER) continue;
    return ctx.hits.first(cfg.declined, i);
  }
  return -1;
}

export const callbackScriptRule: RuleDefinition<CallbackConfig> = {
  id: 'callback.script',
  requiredLists: PARTS.map(([list]) => list),
  configure: (_params, lists) => ({
    parts: PARTS.map(([list]) => lists(list)),
    convenience: lists('callbackConvenience'),
    declined: lists('callbackDeclined'),
  }),
  evaluate(ctx, cfg) {
    if (ctx.view.purpose !== 'callback') return notApplicable('not a callback');
    const n = ctx.view.agentCount;
    if (n === 0) return notApplicable('the agent never spoke');
    const found: Evidence[] = [];
    const missing: string[] = [];
    const no = callbackDeclined(ctx, cfg);
    const due = no >= 0 ? BEFORE_DECLINE : PARTS.length;
    for (let p = 0; p < due; p++) {
      const h = ctx.firstInAgentTurns(cfg.parts[p], 0, p === 0 ? INTRO_TURNS : n);
      if (h >= 0) found.push(ctx.evidence(h));
      else missing.push(PARTS[p][1]);
    }
    if (no >= 0) found.push(ctx.evidence(no));
    return missing.length === 0
      ? pass(found)
      : fail(found, `the callback script lacks: ${missing.join(', ')}`);
  },
};
