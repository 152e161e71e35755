import { Injectable } from '@nestjs/common';
import { BusinessCalendar, isWorkingDay, localDate } from '@qa/business-calendar';
import { Identity, tenantOf } from '@qa/platform';
import { DataSource } from 'typeorm';
import { CoachingError } from '../../coaching.errors';
import {
  AgentMonthInput,
  appraiseMonth,
  Band,
  BAND_NAMES,
  dayPoints,
  flagged,
  isFutureMonth,
  MONTH,
  nextMonth,
  previousMonth,
  validateGoals,
  workingDays,
} from '../../domain/monthly-appraisal';
import { SettingsRepository } from '../settings/settings.repository';
import { AppraisalRepository, StoredPlan } from './appraisal.repository';
import {
  ListPlansRequestDto,
  MonthQueryRequestDto,
  PutPlanRequestDto,
} from './dto/appraisal.request.dto';
import {
  MonthAppraisalResponseDto,
  PlanListResponseDto,
  PlanResponseDto,
} from './dto/appraisal.response.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const toPlanResponse = (p: StoredPlan): PlanResponseDto => ({ ...p, points: dayPoints(p.goals) });

/** The UTC instant a local date starts at, by the calendar's fixed offset. */
const startOf = (cal: BusinessCalendar, date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) - cal.utcOffsetMinutes * 60_000).toISOString();

/** Agents see their own plans and results; everyone else in the tenant all of them. */
function ownAgent(identity: Identity): string | undefined {
  return identity.role === 'agent' ? (identity.agentId ?? '\u0000none') : undefined;
}

@Injectable()
export class AppraisalService {
  constructor(
    private readonly db: DataSource,
    private readonly plansRepo: AppraisalRepository,
    private readonly settings: SettingsRepository,
  ) {}

  async putPlan(
    identity: Identity,
    agentId: string,
    date: string,
    body: PutPlanRequestDto,
  ): Promise<PlanResponseDto> {
    const tenantId = tenantOf(identity);
    const own = ownAgent(identity);
    if (own && own !== agentId)
      throw CoachingError.forbidden('an agent enters only their own plans');
    const { settings } = await this.settings.get(tenantId);
    const cal = settings.calendar;
    if (
      !DATE.test(date) ||
      Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ||
      new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date
    )
      throw CoachingError.invalid([{ path: 'date', message: 'a date YYYY-MM-DD' }]);
    const today = localDate(cal, new Date());
    if (isFutureMonth(date.slice(0, 7), today))
      throw CoachingError.invalid([
        {
          path: 'date',
          message: `a plan for a future month (${date.slice(0, 7)}; this month is ${today.slice(0, 7)})`,
        },
      ]);
    if (!isWorkingDay(cal, date))
      throw CoachingError.invalid([
        { path: 'date', message: `${date} is not a working day in the tenant's business calendar` },
      ]);
    const errors = validateGoals(body.goals);
    if (errors.length) throw CoachingError.invalid(errors);
    const stored = await this.db.transaction(async (m) => {
      const current = await this.plansRepo.plan(m, tenantId, agentId, date, true);
      const version = current?.version ?? 0;
      if (body.expectedVersion !== undefined && body.expectedVersion !== version)
        throw CoachingError.stale('plan', body.expectedVersion, version);
      return this.plansRepo.savePlan(m, tenantId, {
        agentId,
        date,
        goals: body.goals.map(({ text, points, done }) => ({ text, points, done })),
        version: version + 1,
        updatedBy: identity.username,
      });
    });
    return toPlanResponse(stored);
  }

  async plans(identity: Identity, q: ListPlansRequestDto): Promise<PlanListResponseDto> {
    const tenantId = tenantOf(identity);
    const own = ownAgent(identity);
    if (own && q.agentId && q.agentId !== own)
      throw CoachingError.forbidden('an agent sees only their own plans');
    const rows = await this.plansRepo.plans(
      tenantId,
      `${q.month}-01`,
      `${nextMonth(q.month)}-01`,
      own ?? q.agentId,
    );
    return { items: rows.map(toPlanResponse) };
  }

  async month(
    identity: Identity,
    month: string,
    q: MonthQueryRequestDto,
  ): Promise<MonthAppraisalResponseDto> {
    const tenantId = tenantOf(identity);
    if (!MONTH.test(month))
      throw CoachingError.invalid([{ path: 'month', message: 'month must be YYYY-MM' }]);
    const { settings } = await this.settings.get(tenantId);
    const cal = settings.calendar;
    if (isFutureMonth(month, localDate(cal, new Date())))
      throw CoachingError.invalid([{ path: 'month', message: `${month} has not begun` }]);
    const own = ownAgent(identity);
    if (own && q.agentId && q.agentId !== own)
      throw CoachingError.forbidden('an agent sees only their own appraisal');

    const current = await this.appraise(tenantId, cal, month);
    const previous = await this.appraise(tenantId, cal, previousMonth(month));
    const before = new Map(previous.result.items.map((i) => [i.agentId, i.band]));
    const items = current.result.items
      .map((i) => {
        const s = current.surveys.get(i.agentId);
        const previousBand = before.get(i.agentId) ?? null;
        return {
          ...i,
          teamId: s?.teamId ?? '',
          surveyed: s?.surveyed ?? 0,
          satisfied: s?.satisfied ?? 0,
          bandName: BAND_NAMES[i.band],
          previousBand,
          flagged: flagged(i.band, previousBand),
        };
      })
      .filter(
        (i) =>
          (!own || i.agentId === own) &&
          (!q.agentId || i.agentId === q.agentId) &&
          (!q.teamId || i.teamId === q.teamId),
      );
    const n = current.days.length;
    return {
      month,
      workingDays: n,
      days: current.days,
      maxPlanPoints: 3 * n,
      satisfactionWeight: Math.max(0, 100 - 3 * n),
      hasBest: current.result.hasBest,
      items,
    };
  }

  /** Each agent's band in a month (agents with neither plans nor surveys have none). */
  async monthBands(tenantId: string, month: string): Promise<Map<string, Band>> {
    const { settings } = await this.settings.get(tenantId);
    const { result } = await this.appraise(tenantId, settings.calendar, month);
    return new Map(result.items.map((i) => [i.agentId, i.band]));
  }

  /** Every agent with a plan or a surveyed call in the month, as the seed scores them. */
  private async appraise(tenantId: string, cal: BusinessCalendar, month: string) {
    const days = workingDays(cal, month);
    const [plans, surveys] = await Promise.all([
      this.plansRepo.plans(tenantId, `${month}-01`, `${nextMonth(month)}-01`),
      this.plansRepo.surveys(
        tenantId,
        startOf(cal, `${month}-01`),
        startOf(cal, `${nextMonth(month)}-01`),
      ),
    ]);
    const inputs = new Map<string, AgentMonthInput>();
    const input = (agentId: string) => {
      let i = inputs.get(agentId);
      if (!i) inputs.set(agentId, (i = { agentId, plans: new Map(), surveyed: 0, satisfied: 0 }));
      return i;
    };
    for (const p of plans) input(p.agentId).plans.set(p.date, p.goals);
    for (const s of surveys)
      Object.assign(input(s.agentId), { surveyed: s.surveyed, satisfied: s.satisfied });
    return {
      days,
      surveys: new Map(surveys.map((s) => [s.agentId, s])),
      result: appraiseMonth(days, [...inputs.values()]),
    };
  }
}
