import { monthlyGrade, rankAgents } from './monthly-grade';

const row = (agentId: string, qaScoreAvg: number, previousScoreAvg: number | null = null) => ({
  agentId,
  teamId: 't-1',
  evaluated: 10,
  qaScoreAvg,
  previousScoreAvg,
});

describe(monthlyGrade.name, () => {
  it('uses seed 002 bands', () => {
    expect(monthlyGrade(100)).toBe('monthly_best');
    expect(monthlyGrade(90)).toBe('monthly_best');
    expect(monthlyGrade(89.99)).toBe('monthly_excellent');
    expect(monthlyGrade(80)).toBe('monthly_excellent');
    expect(monthlyGrade(79.5)).toBe('good');
    expect(monthlyGrade(70)).toBe('good');
    expect(monthlyGrade(60)).toBe('pass');
    expect(monthlyGrade(59.9)).toBe('fail');
  });
});

describe(rankAgents.name, () => {
  it('ranks by score and flags an agent in 及格 two months running', () => {
    const ranked = rankAgents([row('a-1', 65, 62), row('a-2', 91), row('a-3', 65, 75)], true);
    expect(ranked.map((r) => [r.agentId, r.rank, r.grade, r.flagged])).toEqual([
      ['a-2', 1, 'monthly_best', false],
      ['a-1', 2, 'pass', true],
      ['a-3', 3, 'pass', false],
    ]);
    expect(ranked[0].award).toBe('monthly_best');
  });

  it('awards the excellent title only in a month with no best employee', () => {
    expect(rankAgents([row('a-1', 85)], false)[0].award).toBe('monthly_excellent');
    expect(rankAgents([row('a-1', 85)], true)[0].award).toBeNull();
  });
});
