import { AGENT, CUSTOMER } from '../input/call-view';
import type { RuleContext } from '../engine/rule-context';
import type { Evidence } from '../types/evaluation.types';
import type { ScorecardValidationError } from '../types/scorecard.types';
import { MAX_EXPRESSION_NODES } from '../limits/engine-limits';
import type { ListResolver } from './rule-definition';

/** A tenant-defined condition over phrase lists: composable without code. */
export type PhraseExpression =
  | { all: PhraseExpression[] }
  | { any: PhraseExpression[] }
  | { not: PhraseExpression }
  | {
      /** A phrase list name. */
      phrase: string;
      /** Whose speech; agent by default. */
      speaker?: 'agent' | 'customer' | 'any';
      /** Only the first / last n turns of that speaker (of anyone, for 'any'). */
      position?: { firstTurns?: number; lastTurns?: number };
      /** A list of longer allowed phrases: a hit inside one of them does not count. */
      unless?: string;
    };

const ALL = 0;
const ANY = 1;
const NOT = 2;
const LEAF = 3;

export interface ExpressionNode {
  op: number;
  kids: ExpressionNode[];
  list: number;
  unless: number;
  speaker: number;
  firstTurns: number;
  lastTurns: number;
}

const MAX_DEPTH = 12;
const MAX_NODES = 200;
const MAX_EVIDENCE = 20;
const FALSE: ExpressionNode = {
  op: ANY,
  kids: [],
  list: -1,
  unless: -1,
  speaker: 0,
  firstTurns: 0,
  lastTurns: 0,
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const turnCount = (v: unknown): number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : -1;

// Nodes left for the scorecard being compiled (compiling is synchronous, one card at a time).
let nodeBudget: number = MAX_EXPRESSION_NODES;

/** Starts a scorecard's compilation: its expressions share MAX_EXPRESSION_NODES nodes. */
export function resetExpressionBudget(): void {
  nodeBudget = MAX_EXPRESSION_NODES;
}

/** Compiles an expression once; problems go to `issues` and the faulty node evaluates false. */
export function compileExpression(
  expr: unknown,
  lists: ListResolver,
  issues: ScorecardValidationError[],
  path: string,
): ExpressionNode {
  let nodes = 0;
  const walk = (e: unknown, p: string, depth: number): ExpressionNode => {
    const bad = (message: string) => (issues.push({ path: p, message }), FALSE);
    if (++nodes > MAX_NODES) return bad(`an expression may have at most ${MAX_NODES} nodes`);
    if (--nodeBudget < 0)
      return bad(
        `a scorecard's expressions may have at most ${MAX_EXPRESSION_NODES} nodes in all (limit maxExpressionNodes)`,
      );
    if (depth > MAX_DEPTH) return bad(`an expression may nest at most ${MAX_DEPTH} levels`);
    if (!isObject(e)) return bad('must be {all}, {any}, {not} or {phrase}');
    const keys = ['all', 'any', 'not', 'phrase'].filter((k) => k in e);
    if (keys.length !== 1) return bad('must have exactly one of all, any, not, phrase');
    if (keys[0] === 'all' || keys[0] === 'any') {
      const parts = e[keys[0]];
      if (!Array.isArray(parts) || parts.length === 0)
        return bad(`${keys[0]} must be a non-empty list`);
      const kids = parts.map((x, i) => walk(x, `${p}.${keys[0]}.${i}`, depth + 1));
      return { ...FALSE, op: keys[0] === 'all' ? ALL : ANY, kids };
    }
    if (keys[0] === 'not') return { ...FALSE, op: NOT, kids: [walk(e.not, `${p}.not`, depth + 1)] };
    const list = typeof e.phrase === 'string' ? lists(e.phrase) : -1;
    if (list < 0) return bad(`no phrase list named ${String(e.phrase)}`);
    const unless = typeof e.unless === 'string' ? lists(e.unless) : -1;
    if (e.unless !== undefined && unless < 0)
      issues.push({ path: `${p}.unless`, message: `no phrase list named ${String(e.unless)}` });
    const speaker =
      e.speaker === undefined || e.speaker === 'agent'
        ? AGENT
        : e.speaker === 'customer'
          ? CUSTOMER
          : e.speaker === 'any'
            ? 0
            : -1;
    if (speaker < 0)
      issues.push({ path: `${p}.speaker`, message: 'speaker must be agent, customer or any' });
    const pos = isObject(e.position) ? e.position : {};
    if (e.position !== undefined && !isObject(e.position))
      issues.push({ path: `${p}.position`, message: 'position must be {firstTurns?, lastTurns?}' });
    const first = pos.firstTurns === undefined ? Infinity : turnCount(pos.firstTurns);
    const last = pos.lastTurns === undefined ? Infinity : turnCount(pos.lastTurns);
    if (first < 0)
      issues.push({ path: `${p}.position.firstTurns`, message: 'must be a whole number ≥ 0' });
    if (last < 0)
      issues.push({ path: `${p}.position.lastTurns`, message: 'must be a whole number ≥ 0' });
    return {
      op: LEAF,
      kids: [],
      list,
      unless,
      speaker: Math.max(0, speaker),
      firstTurns: Math.max(0, first),
      lastTurns: Math.max(0, last),
    };
  };
  return walk(expr, path, 0);
}

function leaf(ctx: RuleContext, n: ExpressionNode, evidence: Evidence[]): boolean {
  const v = ctx.view;
  const hits = ctx.hits;
  let found = false;
  const to = hits.listTo(n.list);
  for (let p = hits.listFrom(n.list); p < to; p++) {
    const h = hits.hitAt(p);
    const seg = hits.segment[h];
    const who = v.speaker[seg];
    if (n.speaker === 0 ? who === 0 : who !== n.speaker) continue;
    const ordinal = n.speaker === 0 ? v.spokenOrdinal[seg] : v.ordinal[seg];
    const total =
      n.speaker === 0 ? v.spokenCount : n.speaker === AGENT ? v.agentCount : v.customerCount;
    if (ordinal >= n.firstTurns || ordinal < total - n.lastTurns) continue;
    if (hits.coveredBy(h, n.unless)) continue;
    found = true;
    if (evidence.length >= MAX_EVIDENCE) break;
    evidence.push(ctx.evidence(h));
  }
  return found;
}

/** Evaluates a compiled expression; evidence collects every phrase that matched a leaf. */
export function evaluateExpression(
  ctx: RuleContext,
  n: ExpressionNode,
  evidence: Evidence[],
): boolean {
  switch (n.op) {
    case LEAF:
      return leaf(ctx, n, evidence);
    case NOT:
      return !evaluateExpression(ctx, n.kids[0], evidence);
    case ALL: {
      let value = true;
      for (const k of n.kids) value = evaluateExpression(ctx, k, evidence) && value;
      return value;
    }
    default: {
      let value = false;
      for (const k of n.kids) value = evaluateExpression(ctx, k, evidence) || value;
      return value;
    }
  }
}
