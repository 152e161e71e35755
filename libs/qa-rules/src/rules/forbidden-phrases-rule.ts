import { AGENT } from '../input/call-view';
import type { RuleContext } from '../engine/rule-context';
import type { Evidence } from '../types/evaluation.types';
import { fail, notApplicable, numberParam, pass, RuleDefinition } from './rule-definition';

interface ForbiddenConfig {
  forbidden: number;
  exceptions: number;
  /** 没办法 and the like: a refusal only when nothing follows it in the turn (refusalRemedy). */
  refusal: number;
  /** Said before the refusal in its turn, these make it a stated fact (因为, 如果, 已经). */
  reason: number;
  /** Whose hands it is in (要看银行, 取决于商家): said first, even a bare 没办法 explains a limit. */
  limit: number;
  remedy: number;
  /**
   * "Not ours" (不归我们管, 发票不是我们开的): a brush-off unless a path forward (refusalRemedy) goes
   * with it; a reason does not excuse it (that it is someone else's is the reason).
   */
  disclaim: number;
  /** How many of the agent's next turns may still bring the remedy (the customer asks 那怎么办). */
  remedyTurns: number;
}

/**
 * Marks that end a clause: a remedy is said after the refusal, not as its object (没法帮您联系).
 * Chat and ASR text often separate clauses with a space.
 */
const CLAUSE_END = /[,，。;；!！?？、\s]/;
/** A connective opens a clause of its own, punctuated or not (ASR text has none). */
const CONNECTIVE = /^(因为|由于|不过|但是)/;
/**
 * After 没办法, these end the thought (那我就没办法了, 没办法,系统就是这样): a dead end. An action
 * after it (没办法取消) names what cannot be done, which a reason can make a fact.
 */
const DEAD_END = /^[了啦呀啊呢哦嘛的。！!？?,，.~\s]?$/;

/** Whether a hit of `list` ends before hit h starts, in h's turn. */
function saidBefore(ctx: RuleContext, h: number, list: number): boolean {
  if (list < 0) return false;
  const hits = ctx.hits;
  const seg = hits.segment[h];
  for (let k = h - 1; k >= 0 && hits.segment[k] === seg; k--)
    if (hits.list[k] === list && hits.end[k] <= hits.start[h]) return true;
  return false;
}

/**
 * Whether the refusal at hit h states a fact: its reason or condition comes first in the turn
 * (因为没有到货…没有办法预约, 如果…就没有办法找到, 已经下发了…), or it is the consequence of what
 * was just said (买件商品就没办法通过了). A bare 没办法 stays a dead end after a reason (活动已经结束了,
 * 没办法), unless the agent first said whose hands it is in (到账要看银行,这个真没办法).
 */
function reasoned(ctx: RuleContext, h: number, cfg: ForbiddenConfig): boolean {
  const hits = ctx.hits;
  const text = ctx.view.texts[hits.segment[h]];
  const start = hits.start[h];
  if (text[start] === '没' && DEAD_END.test(text.charAt(hits.end[h])))
    return saidBefore(ctx, h, cfg.limit);
  if (start > 0 && text[start - 1] === '就') return true;
  return saidBefore(ctx, h, cfg.reason);
}

/**
 * Whether one of the agent's next `after` turns (after the customer's reply) offers a remedy:
 * 那怎么办 → 您可以…, a turn or two later.
 */
function remediedNext(ctx: RuleContext, h: number, remedy: number, after: number): boolean {
  const ord = ctx.view.ordinal[ctx.hits.segment[h]];
  return ctx.firstInAgentTurns(remedy, ord + 1, ord + 1 + after) >= 0;
}

/**
 * Whether a remedy (an explanation, an alternative, an escalation: 因为, 不过我可以, 转给…) or a
 * reason (已经下发了) starts in a later clause of hit h's turn. Hits come in segment order, so the turn's later hits follow h.
 */
function remedied(ctx: RuleContext, h: number, remedy: number, reason: number): boolean {
  if (remedy < 0) return false;
  const hits = ctx.hits;
  const seg = hits.segment[h];
  const text = ctx.view.texts[seg];
  for (let k = h + 1; k < hits.count && hits.segment[k] === seg; k++)
    if (
      (hits.list[k] === remedy || hits.list[k] === reason) &&
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
    if (
      hits.coveredBy(h, cfg.refusal) &&
      (remedied(ctx, h, cfg.remedy, cfg.reason) ||
        reasoned(ctx, h, cfg) ||
        remediedNext(ctx, h, cfg.remedy, cfg.remedyTurns))
    )
      continue;
    // 不是我们开的,您可以联系商家换开: "not ours" with the way on is an answer.
    if (
      hits.coveredBy(h, cfg.disclaim) &&
      (remedied(ctx, h, cfg.remedy, -1) || remediedNext(ctx, h, cfg.remedy, cfg.remedyTurns))
    )
      continue;
    found.push(ctx.evidence(h));
  }
  return found;
}

export const forbiddenPhrasesRule: RuleDefinition<ForbiddenConfig> = {
  id: 'forbidden.phrases',
  requiredLists: ['forbidden'],
  configure: (params, lists, issues) => ({
    forbidden: lists('forbidden'),
    exceptions: lists('forbiddenExceptions'),
    refusal: lists('refusal'),
    reason: lists('refusalReason'),
    limit: lists('refusalLimit'),
    remedy: lists('refusalRemedy'),
    disclaim: lists('disclaim'),
    remedyTurns: numberParam(params, 'remedyTurns', 2, 0, 10, issues),
  }),
  evaluate(ctx, cfg) {
    if (ctx.view.agentCount === 0) return notApplicable('the agent never spoke');
    const found = forbiddenEvidence(ctx, cfg);
    return found.length > 0 ? fail(found, `${found.length} forbidden phrase(s)`) : pass();
  },
};
