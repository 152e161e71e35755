import { parseKpiQuery } from './kpi-query';

const NOW = Date.parse('2026-11-30T09:30:00Z');
const parse = (raw: Record<string, unknown>) => parseKpiQuery(raw, NOW, 'Asia/Shanghai');
const paths = (raw: Record<string, unknown>) => {
  const r = parse(raw);
  return r.ok ? [] : r.errors.map((e) => e.path);
};

describe(parseKpiQuery.name, () => {
  it('defaults to the last 48 hours by the hour, ending with the current bucket', () => {
    const r = parse({});
    expect(r.ok && r.query.window).toBe('hour');
    expect(r.ok && new Date(r.query.to).toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(r.ok && (r.query.to - r.query.from) / 3_600_000).toBe(48);
  });

  it('reads a full query', () => {
    const r = parse({
      scope: 'team',
      id: 't-1',
      window: 'day',
      from: '2026-11-01T00:00:00+08:00',
      to: '2026-11-30',
      kpis: 'qaScoreAvg,fcrRate',
    });
    expect(r).toEqual({
      ok: true,
      query: {
        scope: 'team',
        id: 't-1',
        window: 'day',
        from: Date.parse('2026-10-31T16:00:00Z'),
        to: Date.parse('2026-11-30T16:00:00Z'),
        kpis: ['qaScoreAvg', 'fcrRate'],
      },
    });
  });

  it('names the parameter of every bad value', () => {
    expect(paths({ scope: 'company' })).toEqual(['scope']);
    expect(paths({ window: 'week' })).toEqual(['window']);
    expect(paths({ kpis: 'qaScoreAvg,happiness' })).toEqual(['kpis']);
    expect(paths({ from: 'yesterday', to: '2026-13-45' })).toEqual(['from', 'to']);
    expect(paths({ from: '2026-11-30', to: '2026-11-29' })).toEqual(['from']);
    expect(paths({ window: 'minute', from: '2025-01-01', to: '2026-11-30' })).toEqual(['window']);
    expect(paths({ colour: 'red' })).toEqual(['colour']);
    expect(paths({ id: '' })).toEqual(['id']);
  });

  it('reads a bare date as that whole day in the tenant zone, so from=D&to=D is one day', () => {
    const r = parse({ window: 'day', from: '2026-11-30', to: '2026-11-30' });
    expect(r.ok && new Date(r.query.from).toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(r.ok && new Date(r.query.to).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    const ny = parseKpiQuery({ from: '2026-11-30', to: '2026-11-30' }, NOW, 'America/New_York');
    expect(ny.ok && new Date(ny.query.from).toISOString()).toBe('2026-11-30T05:00:00.000Z');
  });

  it('allows a year of minutes', () => {
    expect(paths({ window: 'minute', from: '2025-12-01', to: '2026-11-30' })).toEqual([]);
  });
});
