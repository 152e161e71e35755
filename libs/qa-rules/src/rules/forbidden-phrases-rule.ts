import { AGENT } from '../input/call-view';
import type { RuleContext } from '../engine/rule-context';
import type { Evidence } from '../types/evaluation.types';
import { fail, notApplicable, pass, RuleDefinition } from './rule-definition';

interface ForbiddenConfig {
  forbidden: number;
  exceptions: number;
  /** 没办法 and the like: a refusal only when nothing follows it in the turn (refusalRemedy). */
  refusal: number;
  remedy: number;
}

/** Marks that end a clause: a remedy is said after the refusal, not as its object (没法帮您联系). */
const CLAUSE_END = /[,，。;；!！?？、]/;
/** A connective opens a clause of its own, punctuated or not (ASR text has none). */
const CONNECTIVE = /^(因为|由于|不过|但是)/;

/**
 * Whether a remedy (an explanation, an alternative, an escalation: 因为, 不过我可以, 转给…) starts
 * in a later clause of hit h's turn. Hits come in segment order, so the turn's later hits follow h.
 */
function remedied(ctx: RuleContext, h: number, remedy: number): boolean {
  if (remedy < 0) return false;
  const hits = ctx.hits;
  const seg = hits.segment[h];
  const text = ctx.view.texts[seg];
  for (let k = h + 1; k < hits.count && hits.segment[k] === seg; k++)
    if (
      hits.list[k] === remedy &&
      hits.start[k] >= hits.end[h] &&
      (CLAUSE_END.test(text.slice(hits.end[h], hits.start[k])) ||
        CONNECTIVE.test(text.slice(hits.start[k], hits.end[k])))
    )
      return true;
  return false;
}

export function forbiddenEvidence(ctx: RuleContext, cfg: ForbiddenConfig): Evidence[] {
  const found: Evidence[] = [];
  const hits = ctx.hits;
  if (cfg.forbidden < 0) return found;
  for (let h = 0; h < hits.count; h++) {
    if (hits.list[h] !== cfg.forbidden) continue;
    if (ctx.view.speaker[hits.segment[h]] !== AGENT) continue;
    if (hits.coveredBy(h, cfg.exceptions) || hits.nested(h)) continue;
    // 今天之内是没有办法恢复的,因为…,不过我们已经安排了送水车: a fact, not a brush-off.
    if (hits.coveredBy(h, cfg.refusal) && remedied(ctx, h, cfg.remedy)) continue;
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
    refusal: lists('refusal'),
    remedy: lists('refusalRemedy'),
  }),
  evaluate(ctx, cfg) {
    if (ctx.view.agentCount === 0) return notApplicable('the agent never spoke');
    const found = forbiddenEvidence(ctx, cfg);
    return found.length > 0 ? fail(found, `${found.length} forbidden phrase(s)`) : pass();
  },
};
