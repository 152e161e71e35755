import type { NormalizedCall } from '../input/normalize-call';
import type { EvaluationContext, Evidence, Outcome, ScorecardItem } from '../types';

export interface Hit {
  list: number;
  start: number;
  end: number;
}

/** Per segment, per list index: the hits of that list (undefined when none). */
export type SegmentHits = (Hit[] | undefined)[];

export interface RuleContext {
  call: NormalizedCall;
  /** Phrase hits per segment and list, from the single automaton pass. */
  hits: (SegmentHits | undefined)[];
  /** The item's list names resolved to indexes (with its `params.lists` renaming). */
  lists: Readonly<Record<string, number>>;
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

const NONE: Hit[] = [];

export function hitsIn(ctx: RuleContext, segment: number, list: string): Hit[] {
  const id = ctx.lists[list];
  return (id === undefined ? undefined : ctx.hits[segment]?.[id]) ?? NONE;
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
