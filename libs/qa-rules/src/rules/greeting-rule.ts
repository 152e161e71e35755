import { foldChar } from '../automaton/fold-char';
import type { Evidence } from '../types/evaluation.types';
import { fail, notApplicable, pass, RuleDefinition } from './rule-definition';

interface GreetingConfig {
  greeting: number;
  selfIdentify: number;
}

/** Inbound: the opening greets (您好) and identifies the company (its name, 工号, 很高兴为您服务). */
export const greetingRule: RuleDefinition<GreetingConfig> = {
  id: 'greeting.opening',
  requiredLists: ['greeting'],
  configure: (_params, lists) => ({
    greeting: lists('greeting'),
    selfIdentify: lists('selfIdentify'),
  }),
  evaluate(ctx, cfg) {
    const v = ctx.view;
    if (v.direction !== 'inbound') return notApplicable('outbound call');
    const end = v.openingEnd();
    if (end < 0) return notApplicable('the agent never spoke');
    const company = ctx.companyName;
    let greet = -1;
    let ident = -1;
    let named: Evidence | undefined;
    for (let k = 0; k < v.agentCount && v.agentTurns[k] <= end; k++) {
      const seg = v.agentTurns[k];
      if (greet < 0) greet = ctx.hits.first(cfg.greeting, seg);
      if (ident < 0) ident = ctx.hits.first(cfg.selfIdentify, seg);
      const at = company.length > 0 && !named ? indexOfFolded(v.texts[seg], company) : -1;
      if (at >= 0) named = ctx.span(seg, at, at + company.length);
    }
    const found: Evidence[] = [];
    if (greet >= 0) found.push(ctx.evidence(greet));
    if (named) found.push(named);
    else if (ident >= 0) found.push(ctx.evidence(ident));
    if (greet >= 0 && found.length === 2) return pass(found);
    found.push(ctx.turn(v.agentTurns[0], 'missing'));
    return fail(
      found,
      greet < 0 ? 'the opening has no greeting' : 'the opening does not name the company',
    );
  },
};

/** Where `needle` occurs in `text`, both folded as phrases are (雲翔航空 names 云翔航空), or -1. */
export function indexOfFolded(text: string, needle: string): number {
  const n = needle.length;
  const first = foldChar(needle.charCodeAt(0));
  for (let i = 0; i + n <= text.length; i++) {
    if (foldChar(text.charCodeAt(i)) !== first) continue;
    let k = 1;
    while (k < n && foldChar(text.charCodeAt(i + k)) === foldChar(needle.charCodeAt(k))) k++;
    if (k === n) return i;
  }
  return -1;
}
