import type { Evidence } from '../types';
import { evidence, fail, hitsIn, notApplicable, pass, RuleContext, RuleFn } from './rule-context';

/** A tenant-defined condition over phrase lists, composable without code. */
export type PhraseExpr =
  | { all: PhraseExpr[] }
  | { any: PhraseExpr[] }
  | { not: PhraseExpr }
  | {
      phrase: string;
      speaker?: 'agent' | 'customer' | 'any';
      position?: { firstTurns?: number; lastTurns?: number };
    };

interface Verdict {
  value: boolean;
  evidence: Evidence[];
}

const MAX_DEPTH = 16;

function turns(ctx: RuleContext, e: Extract<PhraseExpr, { phrase: string }>): number[] {
  const speaker = e.speaker ?? 'agent';
  let list =
    speaker === 'agent'
      ? ctx.agentTurns
      : speaker === 'customer'
        ? ctx.customerTurns
        : ctx.call.segments.map((_, i) => i);
  const p = e.position;
  if (p?.firstTurns !== undefined) list = list.slice(0, Math.max(0, p.firstTurns));
  if (p?.lastTurns !== undefined) list = list.slice(-Math.max(1, p.lastTurns));
  return list;
}

export function evaluateExpr(ctx: RuleContext, e: PhraseExpr, depth = 0): Verdict {
  if (!e || typeof e !== 'object' || depth > MAX_DEPTH) return { value: false, evidence: [] };
  if ('all' in e && Array.isArray(e.all)) {
    const parts = e.all.map((x) => evaluateExpr(ctx, x, depth + 1));
    return { value: parts.every((p) => p.value), evidence: parts.flatMap((p) => p.evidence) };
  }
  if ('any' in e && Array.isArray(e.any)) {
    const parts = e.any.map((x) => evaluateExpr(ctx, x, depth + 1));
    return {
      value: parts.some((p) => p.value),
      evidence: parts.filter((p) => p.value).flatMap((p) => p.evidence),
    };
  }
  if ('not' in e) {
    const inner = evaluateExpr(ctx, e.not, depth + 1);
    return { value: !inner.value, evidence: inner.evidence };
  }
  if ('phrase' in e && typeof e.phrase === 'string') {
    const found: Evidence[] = [];
    for (const seg of turns(ctx, e))
      for (const h of hitsIn(ctx, seg, e.phrase)) found.push(evidence(ctx, seg, h));
    return { value: found.length > 0, evidence: found };
  }
  return { value: false, evidence: [] };
}

/** params: { expr: PhraseExpr, passWhen?: 'true' | 'false' } — evidence shows what matched. */
export const customPhrase: RuleFn = (ctx) => {
  const expr = ctx.item.params?.expr as PhraseExpr | undefined;
  if (!expr) return notApplicable('no expression configured');
  const v = evaluateExpr(ctx, expr);
  const wanted = ctx.item.params?.passWhen !== 'false';
  return v.value === wanted ? pass(v.evidence) : fail(v.evidence);
};
