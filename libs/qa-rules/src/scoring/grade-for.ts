import type { GradeBand } from '../types/scorecard.types';

/** The band with the highest min not above the score (the lowest band if none does). */
export function gradeFor(score: number, bands: readonly GradeBand[]): string {
  let best: GradeBand | undefined;
  let lowest: GradeBand | undefined;
  for (const b of bands) {
    if (b.min <= score && (!best || b.min > best.min)) best = b;
    if (!lowest || b.min < lowest.min) lowest = b;
  }
  return (best ?? lowest)?.grade ?? '';
}
