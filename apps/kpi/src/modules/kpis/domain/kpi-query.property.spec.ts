import fc from 'fast-check';
import { KPI_IDS } from './kpi-definitions';
import { parseKpiQuery } from './kpi-query';
import { WINDOWS } from './time-buckets';

const NOW = Date.UTC(2026, 11, 1, 2, 30);
const PARAMS = ['scope', 'id', 'window', 'from', 'to', 'kpis'];
const YEAR_MS = 366 * 86_400_000;

/** Query strings as Express hands them over: strings, repeated keys as arrays, and near misses. */
const value = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
  fc.constantFrom(
    ...WINDOWS,
    ...KPI_IDS,
    'tenant',
    'team',
    'agent',
    'qaScore,nope',
    '',
    '2026-01-01',
    '2026-02-30',
    '2025-12-01T10:00:00+08:00',
    '2026-11-30T23:59:59.999Z',
    '1999-01-01',
    '9999-12-31',
  ),
);
const raw = fc.dictionary(fc.constantFrom(...PARAMS, 'window ', 'limit', '__proto__'), value, {
  maxKeys: 6,
});

describe('parseKpiQuery under fast-check', () => {
  it('answers every query with a bounded range or errors that name its own parameters', () => {
    fc.assert(
      fc.property(raw, fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York'), (q, tz) => {
        const r = parseKpiQuery(q, NOW, tz);
        const sound = r.ok
          ? r.query.from < r.query.to &&
            (r.query.window !== 'minute' || r.query.to - r.query.from <= YEAR_MS)
          : r.errors.length > 0 &&
            r.errors.every((e) => PARAMS.includes(e.path) || Object.keys(q).includes(e.path));
        expect(sound).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
