import type { NormalizedCall } from '../input/normalize-call';
import type { EvaluationContext, Evidence, Outcome, ScorecardItem } from '../types';

export interface Hit {
  list: number;
  start: number;
  end: number;
}

export interface RuleContext {
  call: NormalizedCall;
  /** Phrase hits per segment, from the single automaton pass. */
  hits: Hit[][];
  listIndex: ReadonlyMap<string, number>;
  item: ScorecardItem;
  context: EvaluationContext;
  agentTurns: number[];
  customerTurns: number[];
  /** Rings before answer, or null for an abandoned call. */
  rings: number | null;
}

export interface RuleOutcome {
  outcome: Outcome;
  evidence: Evidence[];
  note?: string;
}

export type RuleFn = (ctx: RuleContext) => RuleOutcome;

export const pass = (evidence: Evidence[] = [], note?: string): RuleOutcome => ({
  outcome: 'pass',
  evidence,
  note,
});
export const fail = (evidence: Evidence[] = [], note?: string): RuleOutcome => ({
  outcome: 'fail',
  evidence,
  note,
});
export const notApplicable = (note?: string): RuleOutcome => ({
  outcome: 'not_applicable',
  evidence: [],
  note,
});

/** A list's index, honouring an item's `params.lists` renaming; -1 when the list is absent. */
export function listId(ctx: RuleContext, name: string): number {
  const renamed = (ctx.item.params?.lists as Record<string, string> | undefined)?.[name];
  return ctx.listIndex.get(renamed ?? name) ?? -1;
}

export function hitsIn(ctx: RuleContext, segment: number, list: string): Hit[] {
  const id = listId(ctx, list);
  const all = ctx.hits[segment];
  if (id < 0 || !all) return [];
  return all.filter((h) => h.list === id);
}

export function evidence(
  ctx: RuleContext,
  segment: number,
  h: { start: number; end: number },
): Evidence {
  return {
    segment,
    start: h.start,
    end: h.end,
    text: ctx.call.segments[segment].text.slice(h.start, h.end),
  };
}

/** First hit of a list in any of the given segments, as evidence. */
export function firstEvidence(
  ctx: RuleContext,
  segments: number[],
  list: string,
): Evidence | undefined {
  for (const s of segments) {
    const h = hitsIn(ctx, s, list)[0];
    if (h) return evidence(ctx, s, h);
  }
  return undefined;
}

/** Hits of `list` not covered by a hit of `exceptions` in the same segment (context matters). */
export function hitsExcept(
  ctx: RuleContext,
  segment: number,
  list: string,
  exceptions: string,
): Hit[] {
  const found = hitsIn(ctx, segment, list);
  if (found.length === 0) return found;
  const ex = hitsIn(ctx, segment, exceptions);
  return found.filter((h) => !ex.some((e) => e.start <= h.start && e.end >= h.end));
}

/** Drops hits nested inside a longer hit (12315 ⊃ 315, 我也没办法 ⊃ 没办法): one report per span. */
export function outermost(hits: Hit[]): Hit[] {
  return hits.filter(
    (h) =>
      !hits.some(
        (o) => o !== h && o.start <= h.start && o.end >= h.end && o.end - o.start > h.end - h.start,
      ),
  );
}
