import type { HitTable } from '../engine/hit-table';

/** Counted work of one call (the hit table's counters): what the engine's bounds are checked by. */
export interface CallWork {
  segments: number;
  charsScanned: number;
  hits: number;
  /** The most hits kept in one segment. */
  maxSegmentHits: number;
  /** Hits looked at and search steps taken for nesting and coverage questions, hits indexed. */
  probes: number;
  truncated: boolean;
}

/**
 * What nesting and coverage may cost per hit kept: a hit is asked about a handful of times
 * (nested, exceptions, refusal, unless), and each answer walks at most 32 hits of its segment or
 * takes two binary searches over at most maxHitsPerCall hits. Measured: 20–28 on the security
 * review's card; the quadratic walk it replaced took hundreds per hit.
 */
export const MAX_PROBES_PER_HIT = 64;

const NONE: CallWork = Object.freeze({
  segments: 0,
  charsScanned: 0,
  hits: 0,
  maxSegmentHits: 0,
  probes: 0,
  truncated: false,
});
let heaviest: CallWork = NONE;

/**
 * The call that cost the most counted work (characters, hits and probes) in this process since
 * resetCallWork(): tests prove the bounds with it, without a clock.
 */
export function heaviestCallWork(): CallWork {
  return heaviest;
}

export function resetCallWork(): void {
  heaviest = NONE;
}

/** Called by the engine after each call; allocates only for a new heaviest call. */
export function recordCallWork(hits: HitTable, segments: number): void {
  const total = hits.scanned + hits.count + hits.probes;
  if (total <= heaviest.charsScanned + heaviest.hits + heaviest.probes) return;
  heaviest = {
    segments,
    charsScanned: hits.scanned,
    hits: hits.count,
    maxSegmentHits: hits.maxSegmentHits,
    probes: hits.probes,
    truncated: hits.truncated,
  };
}
