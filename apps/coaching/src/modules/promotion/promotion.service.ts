import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Identity, tenantOf } from '@qa/platform';
import { CoachingError } from '../../coaching.errors';
import { Band, nextMonth, previousMonth } from '../../domain/monthly-appraisal';
import { KPI_ATTAINMENT_DEFINITION, kpiAttainment } from '../../domain/kpi-attainment';
import {
  CandidateInput,
  kpiAttainmentInput,
  kpiAttainmentRaw,
  rankCandidates,
  RankedCandidate,
  validateWeights,
  Weights,
} from '../../domain/promotion';
import { AppraisalService } from '../appraisal/appraisal.service';
import { SettingsRepository } from '../settings/settings.repository';
import { CreateRoundRequestDto, PutCandidateRequestDto } from './dto/promotion.request.dto';
import { KpiFiguresRepository } from './kpi-figures.repository';
import { EnteredInputs, PromotionRepository, Round } from './promotion.repository';
import { isUuid } from '../../domain/ids';

export interface RankingView {
  round: Round;
  /** Where each figure comes from. */
  sources: Record<string, string>;
  items: (RankedCandidate & { entered: EnteredInputs; trainingCalls: number; surveyed: number })[];
}

@Injectable()
export class PromotionService {
  constructor(
    private readonly repo: PromotionRepository,
    private readonly appraisal: AppraisalService,
    private readonly settings: SettingsRepository,
    private readonly kpiFigures: KpiFiguresRepository,
  ) {}

  async create(identity: Identity, body: CreateRoundRequestDto): Promise<Round> {
    const tenantId = tenantOf(identity);
    const errors = validateWeights(body.weights);
    if (body.period.from > body.period.to)
      errors.push({ path: 'period.from', message: 'from must not be after to' });
    if (errors.length) throw CoachingError.invalid(errors);
    const round: Round = {
      id: randomUUID(),
      tenantId,
      name: body.name,
      period: { from: body.period.from, to: body.period.to },
      eligibility: { ...body.eligibility },
      weights: body.weights as unknown as Weights,
      createdBy: identity.username,
      createdAt: new Date().toISOString(),
    };
    await this.repo.insertRound(round);
    return round;
  }

  async list(identity: Identity): Promise<{ items: Round[] }> {
    return { items: await this.repo.rounds(tenantOf(identity)) };
  }

  async get(identity: Identity, id: string): Promise<Round> {
    const round = isUuid(id) ? await this.repo.round(tenantOf(identity), id) : null;
    if (!round) throw CoachingError.notFound(`promotion round ${id}`);
    return round;
  }

  async putCandidate(
    identity: Identity,
    id: string,
    agentId: string,
    body: PutCandidateRequestDto,
  ): Promise<EnteredInputs> {
    const round = await this.get(identity, id);
    const entered = {
      agentId,
      grade: body.grade,
      writtenTest: body.writtenTest ?? null,
      attendance: body.attendance ?? null,
      kpiAttainment: body.kpiAttainment ?? null,
      majorIncident: body.majorIncident,
      updatedBy: identity.username,
    };
    await this.repo.saveCandidate(round.tenantId, round.id, entered);
    return (await this.repo.candidates(round.tenantId, round.id)).find(
      (c) => c.agentId === agentId,
    )!;
  }

  /** The ranking with every input, its points, weight and source. */
  async ranking(identity: Identity, id: string): Promise<RankingView> {
    const round = await this.get(identity, id);
    const entered = await this.repo.candidates(round.tenantId, round.id);
    const { settings } = await this.settings.get(round.tenantId);
    const offset = settings.calendar.utcOffsetMinutes * 60_000;
    const startOf = (month: string) =>
      new Date(Date.parse(`${month}-01T00:00:00Z`) - offset).toISOString();
    const means = new Map(
      (
        await this.repo.callMeans(
          round.tenantId,
          entered.map((c) => c.agentId),
          startOf(round.period.from),
          startOf(nextMonth(round.period.to)),
        )
      ).map((m) => [m.agentId, m]),
    );
    const figures = await this.kpiFigures.figures(
      round.tenantId,
      entered.map((c) => c.agentId),
      round.period.from,
      round.period.to,
    );
    const months: string[] = [];
    for (
      let m = round.period.to, i = 0;
      i < round.eligibility.consecutiveMonths;
      i++, m = previousMonth(m)
    )
      months.push(m);
    const bandsByMonth: Map<string, Band>[] = [];
    for (const m of months) bandsByMonth.push(await this.appraisal.monthBands(round.tenantId, m));

    const inputs: CandidateInput[] = entered.map((c) => {
      const mean = means.get(c.agentId);
      const kpi = kpiAttainmentInput(
        kpiAttainment(figures.get(c.agentId) ?? [], round.period),
        c.kpiAttainment,
      );
      return {
        agentId: c.agentId,
        grade: c.grade,
        majorIncident: c.majorIncident,
        bands: bandsByMonth.map((b) => b.get(c.agentId) ?? null),
        raw: {
          writtenTest: c.writtenTest,
          trainingCallScore: mean?.trainingScore ?? null,
          csat: mean?.csat ?? null,
          attendance: c.attendance,
          kpiAttainment: kpiAttainmentRaw(kpi),
        },
        kpi,
      };
    });
    const byAgent = new Map(entered.map((c) => [c.agentId, c]));
    const lastDay = new Date(Date.parse(startOf(nextMonth(round.period.to))) + offset - 1)
      .toISOString()
      .slice(0, 10);
    return {
      round,
      sources: {
        grade: 'entered per candidate',
        writtenTest: 'entered per candidate',
        attendance: 'entered per candidate',
        kpiAttainment: `derived from the KPI figures kpi publishes (qa.kpi.updated.v1, agent, month) with the tenant's targets (GET /api/v1/kpis/targets): ${KPI_ATTAINMENT_DEFINITION}; a value entered per candidate overrides it (kpi.source = entered)`,
        majorIncident: 'entered per candidate',
        trainingCallScore: `mean score of the agent's training calls (模拟通话) that started ${round.period.from}..${round.period.to}: GET /api/v1/training/calls?from=${round.period.from}-01&to=${lastDay}&agentId=`,
        csat: `mean post-call survey of the agent's production calls ${round.period.from}..${round.period.to}`,
        bands: `monthly appraisal bands, latest first (${months.join(', ') || 'none'}): GET /api/v1/appraisal/months/:month`,
      },
      items: rankCandidates(inputs, round.weights, round.eligibility).map((r) => ({
        ...r,
        entered: byAgent.get(r.agentId)!,
        trainingCalls: means.get(r.agentId)?.trainingCalls ?? 0,
        surveyed: means.get(r.agentId)?.surveyed ?? 0,
      })),
    };
  }
}
