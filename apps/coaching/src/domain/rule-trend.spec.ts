import {
  bucketsBetween,
  bucketStart,
  rangeInstants,
  ruleTrends,
  TrendEntry,
  trendRange,
} from './rule-trend';

const SHANGHAI = 480;
const entry = (ruleId: string, outcome: TrendEntry['outcome'], callStartedAt: string) => ({
  ruleId,
  outcome,
  callStartedAt,
});

describe('rule trend', () => {
  it('starts weeks on Monday and months on the 1st', () => {
    expect(bucketStart('2026-11-01', 'week')).toBe('2026-10-26'); // a Sunday
    expect(bucketStart('2026-11-02', 'week')).toBe('2026-11-02'); // a Monday
    expect(bucketStart('2026-11-30', 'month')).toBe('2026-11-01');
    expect(bucketsBetween('2026-11-01', '2026-11-16', 'week')).toEqual([
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
    ]);
    expect(bucketsBetween('2026-11-15', '2027-01-02', 'month')).toEqual([
      '2026-11-01',
      '2026-12-01',
      '2027-01-01',
    ]);
  });

  it('counts each rule per local week, worst rule first, empty weeks null', () => {
    const range = { from: '2026-11-02', to: '2026-11-22', bucket: 'week' as const };
    const trends = ruleTrends(
      [
        // Sunday 20:00 UTC is Monday 04:00 in Shanghai: the second week, not the first.
        entry('forbidden.phrases', 'fail', '2026-11-08T20:00:00Z'),
        entry('forbidden.phrases', 'pass', '2026-11-03T02:00:00Z'),
        entry('forbidden.phrases', 'fail', '2026-11-04T02:00:00Z'),
        entry('forbidden.phrases', 'pass', '2026-11-17T02:00:00Z'),
        entry('greeting.opening', 'pass', '2026-11-03T02:00:00Z'),
        entry('greeting.opening', 'not_applicable', '2026-11-10T02:00:00Z'),
      ],
      range,
      SHANGHAI,
    );
    expect(trends.map((t) => t.ruleId)).toEqual(['forbidden.phrases', 'greeting.opening']);
    expect(trends[0].points).toEqual([
      { bucketStart: '2026-11-02', passed: 1, applicable: 2, rate: 0.5 },
      { bucketStart: '2026-11-09', passed: 0, applicable: 1, rate: 0 },
      { bucketStart: '2026-11-16', passed: 1, applicable: 1, rate: 1 },
    ]);
    expect(trends[0].total).toEqual({ passed: 2, applicable: 4, rate: 0.5 });
    expect(trends[1].points.map((p) => p.rate)).toEqual([1, null, null]);
  });

  it("spans the tenant's local days in UTC", () => {
    expect(rangeInstants({ from: '2026-11-02', to: '2026-11-15' }, SHANGHAI)).toEqual({
      from: '2026-11-01T16:00:00.000Z',
      to: '2026-11-15T16:00:00.000Z',
    });
  });

  it('fills defaults and names every bad field', () => {
    expect(trendRange({}, '2026-11-30').range).toEqual({
      from: '2026-09-08',
      to: '2026-11-30',
      bucket: 'week',
    });
    expect(trendRange({ bucket: 'month' }, '2026-11-30').range?.from).toBe('2026-06-01');
    expect(
      trendRange({ bucket: 'day', from: '2026-13-01', to: 'x' }, '2026-11-30').errors.map(
        (e) => e.path,
      ),
    ).toEqual(['bucket', 'to', 'from']);
    expect(trendRange({ from: '2026-11-02', to: '2026-11-01' }, '2026-11-30').errors).toEqual([
      { path: 'from', message: 'from must not be after to' },
    ]);
    expect(trendRange({ from: '2025-01-01', to: '2026-11-01' }, '2026-11-30').errors[0].path).toBe(
      'from',
    );
  });
});
