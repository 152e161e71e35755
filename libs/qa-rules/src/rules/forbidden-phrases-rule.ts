import { AGENT } from '../input/call-view';
import type { RuleContext } from '../engine/rule-context';
import type { Evidence } from '../types/evaluation.types';
import { fail, notApplicable, pass, RuleDefinition } from './rule-definition';

interface ForbiddenConfig {
  forbidden: number;
  exceptions: number;
}

/**
 * Forbidden phrases in agent speech. A hit inside a longer allowed phrase (不知道您现在方便吗,
 * 如有不清楚的地方) is polite, not a violation; a hit inside a longer forbidden one counts once.
 */
export function forbiddenEvidence(ctx: RuleContext, cfg: ForbiddenConfig): Evidence[] {
  const found: Evidence[] = [];
  const hits = ctx.hits;
  if (cfg.forbidden < 0) return found;
  for (let h = 0; h < hits.count; h++) {
    if (hits.list[h] !== cfg.forbidden) continue;
    if (ctx.view.speaker[hits.segment[h]] !== AGENT) continue;
    if (hits.coveredBy(h, cfg.exceptions) || hits.nested(h)) continue;
    found.push(ctx.evidence(h));
  }
  return found;
}

export const forbiddenPhrasesRule: RuleDefinition<ForbiddenConfig> = {
  id: 'forbidden.phrases',
  requiredLists: ['forbidden'],
  configure: (_params, lists) => ({
    forbidden: lists('forbidden'),
    exceptions: lists('forbiddenExceptions'),
  }),
  evaluate(ctx, cfg) {
    if (ctx.view.agentCount === 0) return notApplicable('the agent never spoke');
    const found = forbiddenEvidence(ctx, cfg);
    return found.length > 0 ? fail(found, `${found.length} forbidden phrase(s)`) : pass();
  },
};
