/**
 * Seed 002's monthly appraisal bands over an agent's mean final QA score of the month:
 * 90–100 月度最佳员工, 80–89 月度优秀员工 (the title goes out only in a month with no best
 * employee), 70–79 良好, 60–69 及格 (twice running and the job is at stake), below 60 不及格.
 */
export const MONTHLY_GRADES = [
  { code: 'monthly_best', min: 90, zh: '月度最佳员工', en: 'Employee of the month' },
  { code: 'monthly_excellent', min: 80, zh: '月度优秀员工', en: 'Excellent employee' },
  { code: 'good', min: 70, zh: '良好', en: 'Good' },
  { code: 'pass', min: 60, zh: '及格', en: 'Pass' },
  { code: 'fail', min: -Infinity, zh: '不及格', en: 'Fail' },
] as const;
export type MonthlyGrade = (typeof MONTHLY_GRADES)[number]['code'];

export function monthlyGrade(meanScore: number): MonthlyGrade {
  return MONTHLY_GRADES.find((g) => meanScore >= g.min)!.code;
}

export interface AgentMonth {
  agentId: string;
  teamId: string;
  evaluated: number;
  qaScoreAvg: number;
  /** The agent's mean of the month before, if evaluated then. */
  previousScoreAvg: number | null;
}

export interface RankedAgent extends AgentMonth {
  rank: number;
  grade: MonthlyGrade;
  previousGrade: MonthlyGrade | null;
  /** 及格 this month and the month before: seed 002 says the job is at stake. */
  flagged: boolean;
  /** The title the seed awards: best always, excellent only when nobody was best that month. */
  award: 'monthly_best' | 'monthly_excellent' | null;
}

/**
 * Ranks by mean score (ties: more evaluations first, then agent id). `anyBestInTenant` says whether
 * someone in the whole tenant reached the best band, which decides the excellent title.
 */
export function rankAgents(rows: AgentMonth[], anyBestInTenant: boolean): RankedAgent[] {
  return [...rows]
    .sort(
      (a, b) =>
        b.qaScoreAvg - a.qaScoreAvg ||
        b.evaluated - a.evaluated ||
        a.agentId.localeCompare(b.agentId),
    )
    .map((r, i) => {
      const grade = monthlyGrade(r.qaScoreAvg);
      const previousGrade = r.previousScoreAvg === null ? null : monthlyGrade(r.previousScoreAvg);
      const award =
        grade === 'monthly_best'
          ? 'monthly_best'
          : grade === 'monthly_excellent' && !anyBestInTenant
            ? 'monthly_excellent'
            : null;
      return {
        ...r,
        rank: i + 1,
        grade,
        previousGrade,
        flagged: grade === 'pass' && previousGrade === 'pass',
        award,
      };
    });
}
