import { callbackScript, promiseHasTime, resolutionConfirmed } from './resolution-rules';
import { empathyOnDissatisfaction, forbiddenPhrases, interruption } from './communication-rules';
import { customPhrase } from './custom-phrase-rule';
import { withinThreeRings } from './efficiency-rules';
import {
  closingFarewell,
  customerHangsUpFirst,
  greetingOpening,
  holdAnnounced,
  lateApology,
} from './etiquette-rules';
import type { RuleFn } from './rule-context';

export type { RuleFn } from './rule-context';

export const RULES: Readonly<Record<string, RuleFn>> = {
  'answer.within-three-rings': withinThreeRings,
  'answer.late-apology': lateApology,
  'greeting.opening': greetingOpening,
  'closing.farewell': closingFarewell,
  'closing.customer-hangs-up-first': customerHangsUpFirst,
  'hold.announced': holdAnnounced,
  'forbidden.phrases': forbiddenPhrases,
  interruption,
  'empathy.on-dissatisfaction': empathyOnDissatisfaction,
  'resolution.confirmed': resolutionConfirmed,
  'resolution.promise-has-time': promiseHasTime,
  'callback.script': callbackScript,
  'custom.phrase': customPhrase,
};

export const RULE_IDS = Object.keys(RULES);
