import { BusinessCalendar, DEFAULT_CALENDAR } from '@qa/business-calendar';
import {
  appraiseAgent,
  appraiseMonth,
  bandOf,
  flagged,
  Goal,
  isFutureMonth,
  previousMonth,
  validateGoals,
  workingDays,
} from './monthly-appraisal';

const goals = (...points: [number, boolean][]): Goal[] =>
  points.map(([p, done], i) => ({ text: `目标${i + 1}`, points: p, done }));

/** Each working day planned with the same goals. */
const everyDay = (days: string[], g: Goal[]) => new Map(days.map((d) => [d, g]));

describe(workingDays.name, () => {
  it('October 2026 by the Chinese calendar: 22 weekdays − 5 National Day weekdays + the 10th (调休) = 18', () => {
    const days = workingDays(DEFAULT_CALENDAR, '2026-10');
    expect(days).toHaveLength(18);
    expect(days).not.toContain('2026-10-05');
    expect(days).toContain('2026-10-10'); // a Saturday worked in exchange
    expect(days[0]).toBe('2026-10-08');
  });

  it("November 2026 with the tenant's own two days off: 21 weekdays − 2 = 19", () => {
    const cal: BusinessCalendar = {
      ...DEFAULT_CALENDAR,
      holidaySource: 'none',
      holidays: ['2026-11-02', '2026-11-03'],
    };
    expect(workingDays(cal, '2026-11')).toHaveLength(19);
  });
});

describe(appraiseAgent.name, () => {
  it('a month with holidays (October 2026, n = 18): plan points + satisfaction × (100 − 54)', () => {
    const days = workingDays(DEFAULT_CALENDAR, '2026-10');
    // 14 days fully done (3 points), 4 days with the 1-point goal missed (2 points): 42 + 8 = 50.
    const plans = new Map<string, Goal[]>(
      days.map((d, i) => [
        d,
        i < 14 ? goals([1, true], [1, true], [1, true]) : goals([1, false], [1, true], [1, true]),
      ]),
    );
    // A plan on a holiday (National Day) never counts.
    plans.set('2026-10-05', goals([3, true]));
    const r = appraiseAgent(days, { agentId: 'a-1', plans, surveyed: 40, satisfied: 36 });
    // 0.9 × 46 = 41.4; 50 + 41.4 = 91.4 → 最佳.
    expect(r).toEqual({
      agentId: 'a-1',
      workingDays: 18,
      planPoints: 50,
      maxPlanPoints: 54,
      plannedDays: 18,
      satisfactionRate: 0.9,
      satisfactionWeight: 46,
      satisfactionPoints: 41.4,
      score: 91.4,
      band: 'best',
    });
  });

  it('no survey answered: the satisfaction part scores 0 and says so (rate null)', () => {
    const days = ['2026-11-02', '2026-11-03'];
    const r = appraiseAgent(days, {
      agentId: 'a',
      plans: everyDay(days, goals([3, true])),
      surveyed: 0,
      satisfied: 0,
    });
    expect([r.planPoints, r.satisfactionRate, r.satisfactionPoints, r.score]).toEqual([
      6,
      null,
      0,
      6,
    ]);
  });
});

describe(appraiseMonth.name, () => {
  const cal: BusinessCalendar = { ...DEFAULT_CALENDAR, holidaySource: 'none' };
  const days = workingDays(cal, '2026-11'); // 21 days: 63 plan points, satisfaction weight 37

  it('a month with no 最佳: 80–89 is 月度优秀员工', () => {
    const { hasBest, items } = appraiseMonth(days, [
      // 2 points a day: 42; 37 × 30/30 = 37 → 79 (良好)
      {
        agentId: 'a-good',
        plans: everyDay(days, goals([2, true], [1, false])),
        surveyed: 30,
        satisfied: 30,
      },
      // 63 + 37 × 0.6 = 85.2 (优秀)
      { agentId: 'a-exc', plans: everyDay(days, goals([3, true])), surveyed: 10, satisfied: 6 },
    ]);
    expect(hasBest).toBe(false);
    expect(items.map((i) => [i.agentId, i.score, i.band, i.title])).toEqual([
      ['a-exc', 85.2, 'excellent', '月度优秀员工'],
      ['a-good', 79, 'good', null],
    ]);
  });

  it('with a 最佳 in the month, 80–89 keeps its band but gets no title', () => {
    const { hasBest, items } = appraiseMonth(days, [
      { agentId: 'a-exc', plans: everyDay(days, goals([3, true])), surveyed: 10, satisfied: 6 },
      // 63 + 37 × 0.9 = 96.3
      { agentId: 'a-best', plans: everyDay(days, goals([3, true])), surveyed: 10, satisfied: 9 },
    ]);
    expect(hasBest).toBe(true);
    expect(items.map((i) => [i.agentId, i.score, i.title])).toEqual([
      ['a-best', 96.3, '月度最佳员工'],
      ['a-exc', 85.2, null],
    ]);
  });
});

describe('bands, flags and input checks', () => {
  it('bands by whole points', () => {
    expect([100, 90, 89.99, 80, 79.5, 70, 69, 60, 59.9].map(bandOf)).toEqual([
      'best',
      'best',
      'excellent',
      'excellent',
      'good',
      'good',
      'pass',
      'pass',
      'fail',
    ]);
  });

  it('flags 及格 two months running', () => {
    expect(flagged('pass', 'pass')).toBe(true);
    expect(flagged('pass', 'good')).toBe(false);
    expect(flagged('pass', null)).toBe(false);
    expect(previousMonth('2026-01')).toBe('2025-12');
  });

  it('refuses a day worth more than 3 points, naming the field', () => {
    expect(validateGoals(goals([2, true], [2, false]))).toEqual([
      { path: 'goals', message: 'a day is worth at most 3 points (these goals sum to 4)' },
    ]);
    expect(validateGoals(goals([4, true])).map((e) => e.path)).toEqual(['goals.0.points', 'goals']);
    expect(validateGoals(goals([1, true], [1, true], [1, true]))).toEqual([]);
  });

  it('knows a future month', () => {
    expect(isFutureMonth('2026-12', '2026-11-30')).toBe(true);
    expect(isFutureMonth('2026-11', '2026-11-30')).toBe(false);
  });
});
