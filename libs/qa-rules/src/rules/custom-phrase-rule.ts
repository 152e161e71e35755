import type { Evidence } from '../types/evaluation.types';
import { compileExpression, evaluateExpression, ExpressionNode } from './phrase-expression';
import { fail, notApplicable, pass, RuleDefinition } from './rule-definition';

interface CustomConfig {
  expr: ExpressionNode | null;
  when: ExpressionNode | null;
  passWhenAbsent: boolean;
  directions: string[] | null;
  purposes: string[] | null;
}

const EXPRESSION_KEYS = ['all', 'any', 'not', 'phrase'];

const stringList = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : null;

/**
 * A tenant's own item: params are an expression over phrase lists (or {expr, when?, passWhen?,
 * appliesTo?}). Passes when the expression is true, or when it is false with passWhen 'absent'.
 */
export const customPhraseRule: RuleDefinition<CustomConfig> = {
  id: 'custom.phrase',
  requiredLists: [],
  configure(params, lists, issues) {
    const bare = EXPRESSION_KEYS.some((k) => k in params);
    const exprPath = bare ? 'params' : 'params.expr';
    if (!bare && params.expr === undefined) {
      issues.push({ path: 'params.expr', message: 'custom.phrase needs an expression' });
    }
    const raw = bare ? params : params.expr;
    const expr = raw === undefined ? null : compileExpression(raw, lists, issues, exprPath);
    const when =
      params.when === undefined
        ? null
        : compileExpression(params.when, lists, issues, 'params.when');
    const passWhen = params.passWhen ?? 'present';
    if (!['present', 'absent', 'true', 'false'].includes(passWhen as string)) {
      issues.push({ path: 'params.passWhen', message: "passWhen must be 'present' or 'absent'" });
    }
    const applies = (params.appliesTo ?? {}) as Record<string, unknown>;
    return {
      expr,
      when,
      passWhenAbsent: passWhen === 'absent' || passWhen === 'false',
      directions: stringList(applies.direction),
      purposes: stringList(applies.purpose),
    };
  },
  evaluate(ctx, cfg) {
    const v = ctx.view;
    if (!cfg.expr) return notApplicable('no expression configured');
    if (cfg.directions && !cfg.directions.includes(v.direction)) {
      return notApplicable(`not for ${v.direction} calls`);
    }
    if (cfg.purposes && !cfg.purposes.includes(v.purpose)) {
      return notApplicable(`not for ${v.purpose} calls`);
    }
    const evidence: Evidence[] = [];
    if (cfg.when && !evaluateExpression(ctx, cfg.when, evidence)) {
      return notApplicable('its condition did not occur');
    }
    // What met the condition made the item apply.
    for (const e of evidence) e.role = 'trigger';
    const value = evaluateExpression(ctx, cfg.expr, evidence);
    return value !== cfg.passWhenAbsent ? pass(evidence) : fail(evidence);
  },
};
