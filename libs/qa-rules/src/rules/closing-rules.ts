import type { Evidence } from '../types/evaluation.types';
import { fail, notApplicable, numberParam, pass, RuleDefinition } from './rule-definition';

interface FarewellConfig {
  lastTurns: number;
  thanks: number;
  bye: number;
}

/** The agent's last turns thank and say goodbye (谢谢/感谢 + 再见/祝您…). */
export const farewellRule: RuleDefinition<FarewellConfig> = {
  id: 'closing.farewell',
  requiredLists: ['farewellThanks', 'farewellBye'],
  configure: (params, lists, issues) => ({
    lastTurns: numberParam(params, 'lastTurns', 2, 1, 20, issues),
    thanks: lists('farewellThanks'),
    bye: lists('farewellBye'),
  }),
  evaluate(ctx, cfg) {
    const n = ctx.view.agentCount;
    if (n === 0) return notApplicable('the agent never spoke');
    const thanks = ctx.firstInAgentTurns(cfg.thanks, n - cfg.lastTurns, n);
    const bye = ctx.firstInAgentTurns(cfg.bye, n - cfg.lastTurns, n);
    const found: Evidence[] = [];
    if (thanks >= 0) found.push(ctx.evidence(thanks));
    if (bye >= 0) found.push(ctx.evidence(bye));
    if (thanks >= 0 && bye >= 0) return pass(found);
    found.push(ctx.turn(ctx.view.agentTurns[n - 1], 'missing'));
    return fail(found, thanks < 0 ? 'no thanks in the closing' : 'no goodbye in the closing');
  },
};

/** Seed 002: 等对方挂断后再挂电话. */
export const customerHangsUpFirstRule: RuleDefinition<null> = {
  id: 'closing.customer-hangs-up-first',
  requiredLists: [],
  configure: () => null,
  evaluate(ctx) {
    const by = ctx.view.hangupBy;
    const measured = [ctx.measure({ name: 'hangupBy', value: by }, `${by} hung up`)];
    if (by === 'customer') return pass(measured, 'the customer hung up first');
    if (by === 'agent') return fail(measured, 'the agent hung up first');
    return notApplicable('the call was ended by the system', measured);
  },
};
