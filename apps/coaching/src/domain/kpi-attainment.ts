/**
 * KPI attainment for the promotion round (竞聘, seed 004), derived from the KPI figures the kpi
 * service publishes (qa.kpi.updated.v1, agent scope, month window) with the tenant's target.
 * Pure: no I/O.
 */

/** One KPI figure of one agent's month that kpi published with a target. */
export interface KpiFigure {
  /** The month, YYYY-MM. */
  month: string;
  kpi: string;
  value: number;
  target: number;
  onTarget: boolean;
}

export interface KpiAttainment {
  /** figures on target ÷ figures with a target × 100 (2 decimals); null with no such figure. */
  attainment: number | null;
  onTarget: number;
  withTarget: number;
  /** The figures counted, by month then KPI: every input of the share, for the ranking. */
  figures: KpiFigure[];
}

/** In words, for the ranking's sources and README (the page has its zh/en copy). */
export const KPI_ATTAINMENT_DEFINITION =
  "of the agent's monthly KPI figures in the round's months (period.from..period.to) that have " +
  'a target, the share that met it: figures on target ÷ figures with a target × 100 (0–100); ' +
  'none with a target: no figure (null), not 0';

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Counts each (month, KPI) figure once. A month's KPI that has no target (or no figure) is left
 * out rather than counted as missed: it was not asked of the agent.
 */
export function kpiAttainment(
  figures: readonly KpiFigure[],
  period: { from: string; to: string },
): KpiAttainment {
  const counted = figures
    .filter((f) => f.month >= period.from && f.month <= period.to)
    .sort((a, b) => a.month.localeCompare(b.month) || a.kpi.localeCompare(b.kpi));
  const onTarget = counted.filter((f) => f.onTarget).length;
  return {
    attainment: counted.length ? round2((onTarget * 100) / counted.length) : null,
    onTarget,
    withTarget: counted.length,
    figures: counted,
  };
}

/**
 * The month a kpi month bucket starts, from its start instant. A bucket starts at midnight on
 * the 1st in the tenant's zone (up to 14 h either side of UTC midnight), so half a month on is
 * always inside it whatever the zone: coaching needs no copy of kpi's time zone.
 */
export function monthOfBucket(windowStart: string): string {
  return new Date(Date.parse(windowStart) + 15 * 86_400_000).toISOString().slice(0, 7);
}
