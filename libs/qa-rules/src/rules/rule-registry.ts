import { callbackScriptRule } from './callback-script-rule';
import { customerHangsUpFirstRule, farewellRule } from './closing-rules';
import { customPhraseRule } from './custom-phrase-rule';
import { empathyRule } from './empathy-rule';
import { forbiddenPhrasesRule } from './forbidden-phrases-rule';
import { greetingRule } from './greeting-rule';
import { holdRule } from './hold-rule';
import { interruptionRule } from './interruption-rule';
import { promiseHasTimeRule, resolutionConfirmedRule } from './resolution-rules';
import { lateApologyRule, withinThreeRingsRule } from './ring-rules';
import type { RuleDefinition } from './rule-definition';

const ALL_RULES: RuleDefinition<never>[] = [
  withinThreeRingsRule,
  lateApologyRule,
  greetingRule,
  farewellRule,
  customerHangsUpFirstRule,
  holdRule,
  forbiddenPhrasesRule,
  interruptionRule,
  empathyRule,
  resolutionConfirmedRule,
  promiseHasTimeRule,
  callbackScriptRule,
  customPhraseRule,
] as RuleDefinition<never>[];

export const RULES: ReadonlyMap<string, RuleDefinition<unknown>> = new Map(
  ALL_RULES.map((r) => [r.id, r as RuleDefinition<unknown>]),
);

/** Every rule id a scorecard item may name. */
export const RULE_IDS: readonly string[] = ALL_RULES.map((r) => r.id);

/** The twelve rules of DESIGN.md's default scorecard (every id but custom.phrase). */
export const DEFAULT_RULE_IDS: readonly string[] = RULE_IDS.filter((id) => id !== 'custom.phrase');
