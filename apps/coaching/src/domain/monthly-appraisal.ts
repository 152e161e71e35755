import { BusinessCalendar, isWorkingDay } from '@qa/business-calendar';
import type { FieldError } from '@qa/platform';

/**
 * The monthly appraisal of seed 002 (客服部员工绩效考核标准): part one, the daily plan (TO计划: three
 * goals a day worth 1–3 points in all, a goal not done scores 0) summed over the month's n working
 * days (at most 3n); part two, the month's customer satisfaction rate × (100 − 3n). Pure: no I/O.
 */
export const MAX_DAY_POINTS = 3;
export const MAX_GOALS = 3;

export interface Goal {
  text: string;
  points: number;
  done: boolean;
}

export type Band = 'best' | 'excellent' | 'good' | 'pass' | 'fail';

export const BAND_NAMES: Record<Band, string> = {
  best: '月度最佳员工',
  excellent: '月度优秀员工',
  good: '良好',
  pass: '及格',
  fail: '不及格',
};

/** Problems with one day's goals, as field paths: the day may be worth at most 3 points. */
export function validateGoals(goals: readonly Goal[]): FieldError[] {
  const errors: FieldError[] = [];
  if (goals.length > MAX_GOALS)
    errors.push({
      path: 'goals',
      message: `at most ${MAX_GOALS} goals a day (given ${goals.length})`,
    });
  goals.forEach((g, i) => {
    if (!Number.isFinite(g.points) || g.points <= 0 || g.points > MAX_DAY_POINTS)
      errors.push({
        path: `goals.${i}.points`,
        message: `a goal is worth more than 0 and at most ${MAX_DAY_POINTS} points`,
      });
  });
  const total = goals.reduce((s, g) => s + (Number.isFinite(g.points) ? g.points : 0), 0);
  if (total > MAX_DAY_POINTS)
    errors.push({
      path: 'goals',
      message: `a day is worth at most ${MAX_DAY_POINTS} points (these goals sum to ${total})`,
    });
  return errors;
}

/** What a day scored: the points of the goals done. */
export const dayPoints = (goals: readonly Goal[]): number =>
  goals.filter((g) => g.done).reduce((s, g) => s + g.points, 0);

const pad = (n: number) => String(n).padStart(2, '0');

/** The month's working days (YYYY-MM-DD) by the tenant's business calendar. */
export function workingDays(cal: BusinessCalendar, month: string): string[] {
  const [y, m] = month.split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const out: string[] = [];
  for (let d = 1; d <= days; d++) {
    const date = `${month}-${pad(d)}`;
    if (isWorkingDay(cal, date)) out.push(date);
  }
  return out;
}

/** YYYY-MM, and whether it is after `today`'s month (plans and appraisals of the future are refused). */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const isFutureMonth = (month: string, today: string): boolean => month > today.slice(0, 7);

export interface AgentMonthInput {
  agentId: string;
  /** Each day's goals (YYYY-MM-DD → goals); days that are not working days do not count. */
  plans: Map<string, readonly Goal[]>;
  /** Post-call surveys of the month's production calls: answered, and satisfied (4 or 5 of 5). */
  surveyed: number;
  satisfied: number;
}

export interface AgentAppraisal {
  agentId: string;
  workingDays: number;
  planPoints: number;
  maxPlanPoints: number;
  plannedDays: number;
  satisfactionRate: number | null;
  satisfactionWeight: number;
  satisfactionPoints: number;
  score: number;
  band: Band;
  /** The seed's title: 最佳 for 90+, 优秀 for 80–89 only in a month without a 最佳. */
  title: string | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A score's band (seed 002: 90–99 最佳, 80–89 优秀, 70–79 良好, 60–69 及格); 100 counts as 最佳. */
export function bandOf(score: number): Band {
  const s = Math.floor(score + 1e-9);
  if (s >= 90) return 'best';
  if (s >= 80) return 'excellent';
  if (s >= 70) return 'good';
  if (s >= 60) return 'pass';
  return 'fail';
}

/** One agent's month, before titles (which depend on the whole month's results). */
export function appraiseAgent(
  days: readonly string[],
  input: AgentMonthInput,
): Omit<AgentAppraisal, 'title'> {
  const n = days.length;
  const working = new Set(days);
  let planPoints = 0;
  let plannedDays = 0;
  for (const [date, goals] of input.plans) {
    if (!working.has(date)) continue;
    plannedDays++;
    planPoints += Math.min(MAX_DAY_POINTS, dayPoints(goals));
  }
  const satisfactionWeight = Math.max(0, 100 - MAX_DAY_POINTS * n);
  const satisfactionRate = input.surveyed > 0 ? input.satisfied / input.surveyed : null;
  const satisfactionPoints = round2((satisfactionRate ?? 0) * satisfactionWeight);
  const score = round2(Math.min(100, planPoints + satisfactionPoints));
  return {
    agentId: input.agentId,
    workingDays: n,
    planPoints: round2(planPoints),
    maxPlanPoints: MAX_DAY_POINTS * n,
    plannedDays,
    satisfactionRate,
    satisfactionWeight,
    satisfactionPoints,
    score,
    band: bandOf(score),
  };
}

/** Every agent's month, with titles: 优秀 is awarded only when nobody reached 最佳. */
export function appraiseMonth(
  days: readonly string[],
  inputs: readonly AgentMonthInput[],
): { hasBest: boolean; items: AgentAppraisal[] } {
  const rows = inputs.map((i) => appraiseAgent(days, i));
  const hasBest = rows.some((r) => r.band === 'best');
  const items = rows
    .map((r) => ({
      ...r,
      title:
        r.band === 'best'
          ? BAND_NAMES.best
          : r.band === 'excellent' && !hasBest
            ? BAND_NAMES.excellent
            : null,
    }))
    .sort((a, b) => b.score - a.score || a.agentId.localeCompare(b.agentId));
  return { hasBest, items };
}

/** An agent in 及格 this month and the month before is flagged (seed: 次月仍停留在这一阶段). */
export const flagged = (band: Band, previous: Band | null): boolean =>
  band === 'pass' && previous === 'pass';

/** The month after YYYY-MM. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
}

/** The month before YYYY-MM. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}
