import type { FieldError } from '@qa/platform';
import type { Outcome } from './coaching-trigger';

/**
 * An agent's pass rate per rule over time, bucketed by the tenant's local week (Monday first) or
 * month. Pure: the caller passes the offset and "today".
 */
export type TrendBucket = 'week' | 'month';

export interface TrendEntry {
  ruleId: string;
  outcome: Outcome;
  callStartedAt: string;
}

export interface TrendPoint {
  /** The bucket's first local day, YYYY-MM-DD. */
  bucketStart: string;
  passed: number;
  /** Evaluations where the rule applied (passed or failed). */
  applicable: number;
  rate: number | null;
}

export interface RuleTrend {
  ruleId: string;
  total: Omit<TrendPoint, 'bucketStart'>;
  points: TrendPoint[];
}

const DAY = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A year of weeks is the widest view that still reads as a trend. */
export const MAX_TREND_DAYS = 366;

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

const isDate = (s: string) => {
  const at = Date.parse(`${s}T00:00:00Z`);
  return DATE.test(s) && !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === s;
};

/** The local date of an instant at a fixed offset from UTC. */
export const localDay = (iso: string, offsetMinutes: number) =>
  new Date(Date.parse(iso) + offsetMinutes * 60_000).toISOString().slice(0, 10);

/** The first day of the bucket a local date falls in. */
export function bucketStart(date: string, bucket: TrendBucket): string {
  if (bucket === 'month') return `${date.slice(0, 7)}-01`;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** Every bucket from the one holding `from` to the one holding `to`, oldest first. */
export function bucketsBetween(from: string, to: string, bucket: TrendBucket): string[] {
  const out: string[] = [];
  for (let b = bucketStart(from, bucket); b <= to;) {
    out.push(b);
    if (bucket === 'week') b = addDays(b, 7);
    else {
      const [y, m] = b.split('-').map(Number);
      b = `${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`;
    }
  }
  return out;
}

export interface TrendRange {
  from: string;
  to: string;
  bucket: TrendBucket;
}

/**
 * The range asked for, defaults filled (to: today; from: 12 weeks or 6 months before), or every
 * field that is wrong.
 */
export function trendRange(
  q: { from?: string; to?: string; bucket?: string },
  today: string,
): { range: TrendRange; errors: [] } | { range: null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const bucket = (q.bucket ?? 'week') as TrendBucket;
  if (bucket !== 'week' && bucket !== 'month')
    errors.push({ path: 'bucket', message: 'week or month' });
  if (q.to !== undefined && !isDate(q.to))
    errors.push({ path: 'to', message: 'a date YYYY-MM-DD' });
  if (q.from !== undefined && !isDate(q.from))
    errors.push({ path: 'from', message: 'a date YYYY-MM-DD' });
  if (errors.length) return { range: null, errors };
  const to = q.to ?? today;
  const from =
    q.from ?? (bucket === 'week' ? addDays(to, -83) : `${addDays(to, -182).slice(0, 7)}-01`);
  if (from > to) errors.push({ path: 'from', message: 'from must not be after to' });
  else if ((Date.parse(to) - Date.parse(from)) / DAY + 1 > MAX_TREND_DAYS)
    errors.push({ path: 'from', message: `at most ${MAX_TREND_DAYS} days from to` });
  return errors.length ? { range: null, errors } : { range: { from, to, bucket }, errors: [] };
}

/** The UTC instants a range of local days spans: [from's midnight, the midnight after to). */
export const rangeInstants = (range: { from: string; to: string }, offsetMinutes: number) => ({
  from: new Date(Date.parse(`${range.from}T00:00:00Z`) - offsetMinutes * 60_000).toISOString(),
  to: new Date(Date.parse(`${range.to}T00:00:00Z`) + DAY - offsetMinutes * 60_000).toISOString(),
});

const point = (passed: number, applicable: number) => ({
  passed,
  applicable,
  rate: applicable ? passed / applicable : null,
});

/**
 * Each rule's pass rate per bucket (every bucket of the range, empty ones with a null rate),
 * the worst rule first; not-applicable findings do not count. `entries` must lie in the range.
 */
export function ruleTrends(
  entries: readonly TrendEntry[],
  range: TrendRange,
  offsetMinutes: number,
): RuleTrend[] {
  const buckets = bucketsBetween(range.from, range.to, range.bucket);
  const counts = new Map<string, Map<string, [number, number]>>();
  for (const e of entries) {
    if (e.outcome !== 'pass' && e.outcome !== 'fail') continue;
    const b = bucketStart(localDay(e.callStartedAt, offsetMinutes), range.bucket);
    let rule = counts.get(e.ruleId);
    if (!rule) counts.set(e.ruleId, (rule = new Map()));
    const c = rule.get(b) ?? [0, 0];
    rule.set(b, [c[0] + (e.outcome === 'pass' ? 1 : 0), c[1] + 1]);
  }
  const trends = [...counts].map(([ruleId, byBucket]) => {
    const points = buckets.map((b) => ({
      bucketStart: b,
      ...point(...(byBucket.get(b) ?? [0, 0])),
    }));
    const passed = points.reduce((s, p) => s + p.passed, 0);
    const applicable = points.reduce((s, p) => s + p.applicable, 0);
    return { ruleId, total: point(passed, applicable), points };
  });
  return trends.sort(
    (a, b) => (a.total.rate ?? 2) - (b.total.rate ?? 2) || a.ruleId.localeCompare(b.ruleId),
  );
}
