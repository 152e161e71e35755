import { GRADE_CODES, GradeCode } from '../kpis/domain/kpi-definitions';
import { emptyComponents, KpiComponents } from '../kpis/domain/kpi-math';

type Additive = Exclude<keyof KpiComponents, 'grades' | 'medianHoursToClose'>;

/** The additive components and their columns in kpi.aggregates. */
export const ADDITIVE_COLUMNS: Record<Additive, string> = {
  calls: 'calls',
  answered: 'answered',
  handleSecondsSum: 'handle_seconds_sum',
  offered: 'offered',
  abandoned: 'abandoned',
  abandonedTimed: 'abandoned_timed',
  abandonedRingSecondsSum: 'abandoned_ring_seconds_sum',
  csatCount: 'csat_count',
  csatSum: 'csat_sum',
  fcrRepeated: 'fcr_repeated',
  evaluated: 'evaluated',
  scoreSum: 'score_sum',
  threeRingPass: 'three_ring_pass',
  threeRingApplied: 'three_ring_applied',
  forbiddenHits: 'forbidden_hits',
  complaintsOpened: 'complaints_opened',
  complaintsResolved: 'complaints_resolved',
  complaintsRepeat: 'complaints_repeat',
  complaintsClosed: 'complaints_closed',
  callbacksDue: 'callbacks_due',
  callbacksOnTime: 'callbacks_on_time',
  callbackCsatCount: 'callback_csat_count',
  callbackCsatSum: 'callback_csat_sum',
  slaBreaches: 'sla_breaches',
};

export const gradeColumn = (g: GradeCode) => `grade_${g}`;

/** Every summed column, grades included. */
export const SUM_COLUMNS: string[] = [
  ...Object.values(ADDITIVE_COLUMNS),
  ...GRADE_CODES.map(gradeColumn),
];

export const MEDIAN_COLUMN = 'median_hours_to_close';

export type AggregateRow = Record<string, string | number | boolean | null | Date>;

/** A row of kpi.aggregates (numbers may come back as strings from bigint columns). */
export function componentsOfRow(row: AggregateRow): KpiComponents {
  const c = emptyComponents();
  for (const [k, col] of Object.entries(ADDITIVE_COLUMNS)) c[k as Additive] = Number(row[col] ?? 0);
  for (const g of GRADE_CODES) c.grades[g] = Number(row[gradeColumn(g)] ?? 0);
  const m = row[MEDIAN_COLUMN];
  c.medianHoursToClose = m === null || m === undefined ? null : Number(m);
  return c;
}
