import { GRADE_CODES, GradeCode, KpiId } from './kpi-definitions';

/**
 * The additive parts of every KPI in one bucket. Aggregates store these (sums and counts add up
 * from minutes to months); the ratios are derived on read, so nothing is averaged twice. The one
 * figure that does not add up, the median, is computed from the facts for every bucket.
 */
export interface KpiComponents {
  calls: number;
  answered: number;
  handleSecondsSum: number;
  /** Inbound calls that rang at an agent: answered or abandoned (not busy, failed, congestion). */
  offered: number;
  /** Inbound calls the caller hung up on while they rang (NO ANSWER). */
  abandoned: number;
  /** Abandoned calls with an end time, and their seconds from ringing to hang-up. */
  abandonedTimed: number;
  abandonedRingSecondsSum: number;
  csatCount: number;
  csatSum: number;
  /** Calls followed by a related call from the same customer within 7 days. */
  fcrRepeated: number;
  evaluated: number;
  scoreSum: number;
  grades: Record<GradeCode, number>;
  threeRingPass: number;
  threeRingApplied: number;
  forbiddenHits: number;
  complaintsOpened: number;
  complaintsResolved: number;
  complaintsRepeat: number;
  complaintsClosed: number;
  medianHoursToClose: number | null;
  callbacksDue: number;
  callbacksOnTime: number;
  callbackCsatCount: number;
  callbackCsatSum: number;
  slaBreaches: number;
}

export type KpiValues = Record<Exclude<KpiId, 'gradeMix'>, number | null> & {
  gradeMix: Record<GradeCode, number> | null;
};

export const emptyGrades = (): Record<GradeCode, number> =>
  Object.fromEntries(GRADE_CODES.map((g) => [g, 0])) as Record<GradeCode, number>;

export const emptyComponents = (): KpiComponents => ({
  calls: 0,
  answered: 0,
  handleSecondsSum: 0,
  offered: 0,
  abandoned: 0,
  abandonedTimed: 0,
  abandonedRingSecondsSum: 0,
  csatCount: 0,
  csatSum: 0,
  fcrRepeated: 0,
  evaluated: 0,
  scoreSum: 0,
  grades: emptyGrades(),
  threeRingPass: 0,
  threeRingApplied: 0,
  forbiddenHits: 0,
  complaintsOpened: 0,
  complaintsResolved: 0,
  complaintsRepeat: 0,
  complaintsClosed: 0,
  medianHoursToClose: null,
  callbacksDue: 0,
  callbacksOnTime: 0,
  callbackCsatCount: 0,
  callbackCsatSum: 0,
  slaBreaches: 0,
});

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** The figures of one bucket: a ratio with nothing to divide by is null, never 0. */
export function kpiValues(c: KpiComponents): KpiValues {
  return {
    calls: c.calls,
    qaScoreAvg: ratio(c.scoreSum, c.evaluated),
    gradeMix: c.evaluated > 0 ? { ...c.grades } : null,
    threeRingRate: ratio(c.threeRingPass, c.threeRingApplied),
    forbiddenPer100Calls: ratio(c.forbiddenHits * 100, c.evaluated),
    complaintsOpened: c.complaintsOpened,
    complaintResolutionRate: ratio(c.complaintsResolved, c.complaintsOpened),
    medianHoursToClose: c.medianHoursToClose,
    onTimeCallbackRate: ratio(c.callbacksOnTime, c.callbacksDue),
    repeatComplaintRate: ratio(c.complaintsRepeat, c.complaintsOpened),
    fcrRate: ratio(c.calls - c.fcrRepeated, c.calls),
    csatAvg: ratio(c.csatSum, c.csatCount),
    callbackCsatAvg: ratio(c.callbackCsatSum, c.callbackCsatCount),
    ahtSeconds: ratio(c.handleSecondsSum, c.answered),
    slaBreaches: c.slaBreaches,
    abandonRate: ratio(c.abandoned, c.offered),
    abandonedRingSecondsAvg: ratio(c.abandonedRingSecondsSum, c.abandonedTimed),
  };
}

/** The numerator and denominator behind each ratio, for consumers that re-aggregate figures. */
export function kpiFractions(c: KpiComponents): Partial<Record<KpiId, [number, number]>> {
  return {
    qaScoreAvg: [c.scoreSum, c.evaluated],
    threeRingRate: [c.threeRingPass, c.threeRingApplied],
    forbiddenPer100Calls: [c.forbiddenHits * 100, c.evaluated],
    complaintResolutionRate: [c.complaintsResolved, c.complaintsOpened],
    onTimeCallbackRate: [c.callbacksOnTime, c.callbacksDue],
    repeatComplaintRate: [c.complaintsRepeat, c.complaintsOpened],
    fcrRate: [c.calls - c.fcrRepeated, c.calls],
    csatAvg: [c.csatSum, c.csatCount],
    callbackCsatAvg: [c.callbackCsatSum, c.callbackCsatCount],
    ahtSeconds: [c.handleSecondsSum, c.answered],
    abandonRate: [c.abandoned, c.offered],
    abandonedRingSecondsAvg: [c.abandonedRingSecondsSum, c.abandonedTimed],
  };
}

/** Adds buckets (minutes into an hour, a series into a total); the median is left to the caller. */
export function addComponents(parts: KpiComponents[]): KpiComponents {
  const sum = emptyComponents();
  for (const p of parts) {
    for (const k of Object.keys(sum) as (keyof KpiComponents)[]) {
      if (k === 'grades' || k === 'medianHoursToClose') continue;
      sum[k] += p[k];
    }
    for (const g of GRADE_CODES) sum.grades[g] += p.grades[g];
  }
  return sum;
}

export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Whether a figure meets its target, given which way is better; null when either is missing. */
export function onTarget(
  value: number | null,
  target: number | null | undefined,
  better: 'up' | 'down',
): boolean | null {
  if (value === null || target === null || target === undefined) return null;
  return better === 'up' ? value >= target : value <= target;
}
