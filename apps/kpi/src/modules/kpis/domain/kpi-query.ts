import { zonedDate } from '@qa/business-calendar';
import { isKpiId, KpiId } from './kpi-definitions';
import { bucketStart, KpiWindow, nextBucket, WINDOWS } from './time-buckets';

export const SCOPES = ['tenant', 'team', 'agent'] as const;
export type KpiScope = (typeof SCOPES)[number];

export interface FieldProblem {
  path: string;
  message: string;
}

export interface KpiQuery {
  scope?: KpiScope;
  id?: string;
  window: KpiWindow;
  from: number;
  to: number;
  kpis?: KpiId[];
}

const YEAR_MS = 366 * 86_400_000;
/** How far back a query looks when `from` is not given. */
const DEFAULT_SPAN: Record<KpiWindow, number> = {
  minute: 60,
  hour: 48,
  day: 31,
  month: 12,
};
const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HOUR_MS = 3_600_000;

/** Midnight of a calendar date in the tenant's zone (a bare date means the tenant's day). */
function localMidnight(date: string, tz: string): number {
  const utc = Date.parse(`${date}T00:00:00Z`);
  for (const shift of [12, 0, 24, -12]) {
    const start = bucketStart(utc + shift * HOUR_MS, 'day', tz);
    if (zonedDate(start, tz) === date) return start;
  }
  return utc;
}

/** A bare date as `to` includes that whole day, so `from=D&to=D` is one day. */
function parseTime(v: string, tz: string, end: boolean): number | null {
  if (!ISO.test(v)) return null;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return null;
  if (!DATE_ONLY.test(v)) return t;
  const start = localMidnight(v, tz);
  return end ? nextBucket(start, 'day', tz) : start;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) ? String(v[0]) : undefined;

/**
 * Reads `GET /api/v1/kpis` parameters. Every problem names its parameter; nothing is guessed from a
 * bad value. Defaults: the hour window, ending with the bucket now is in.
 */
export function parseKpiQuery(
  raw: Record<string, unknown>,
  now: number,
  tz: string,
): { ok: true; query: KpiQuery } | { ok: false; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  const known = ['scope', 'id', 'window', 'from', 'to', 'kpis'];
  for (const k of Object.keys(raw))
    if (!known.includes(k)) errors.push({ path: k, message: `unknown parameter ${k}` });
  const scope = str(raw.scope);
  if (scope !== undefined && !(SCOPES as readonly string[]).includes(scope))
    errors.push({ path: 'scope', message: `scope must be one of ${SCOPES.join(', ')}` });
  const id = str(raw.id);
  if (id !== undefined && (id.length === 0 || id.length > 128))
    errors.push({ path: 'id', message: 'id must be 1–128 characters' });
  const windowRaw = str(raw.window) ?? 'hour';
  if (!(WINDOWS as readonly string[]).includes(windowRaw))
    errors.push({ path: 'window', message: `window must be one of ${WINDOWS.join(', ')}` });
  const window = windowRaw as KpiWindow;
  let kpis: KpiId[] | undefined;
  const kpisRaw = str(raw.kpis);
  if (kpisRaw !== undefined) {
    const names = kpisRaw.split(',').map((s) => s.trim());
    const unknown = names.filter((n) => !isKpiId(n));
    if (unknown.length) errors.push({ path: 'kpis', message: `unknown KPI ${unknown.join(', ')}` });
    else kpis = names as KpiId[];
  }
  const fromRaw = str(raw.from);
  const toRaw = str(raw.to);
  const from = fromRaw === undefined ? undefined : parseTime(fromRaw, tz, false);
  const to = toRaw === undefined ? undefined : parseTime(toRaw, tz, true);
  if (from === null)
    errors.push({ path: 'from', message: 'from must be an ISO 8601 date or time' });
  if (to === null) errors.push({ path: 'to', message: 'to must be an ISO 8601 date or time' });
  if (errors.length) return { ok: false, errors };

  const end = to ?? nextBucket(bucketStart(now, window, tz), window, tz);
  let start = from;
  if (start === undefined) {
    start = end;
    for (let i = 0; i < DEFAULT_SPAN[window]; i++) start = bucketStart(start - 1, window, tz);
  }
  if (start! >= end)
    return { ok: false, errors: [{ path: 'from', message: 'from must be before to' }] };
  if (window === 'minute' && end - start! > YEAR_MS)
    return {
      ok: false,
      errors: [
        {
          path: 'window',
          message: 'minute buckets over more than a year: use hour or a shorter range',
        },
      ],
    };
  return {
    ok: true,
    query: { scope: scope as KpiScope | undefined, id, window, from: start!, to: end, kpis },
  };
}
