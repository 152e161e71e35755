import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Call, EventMeta, Topics } from '@qa/contracts';
import { OutboxService } from '@qa/messaging';
import { evaluateCall, EvaluationResult, getCompiledScorecard } from '@qa/qa-rules';
import { EntityManager } from 'typeorm';
import { ScorecardEntity } from '../scorecards/entities/scorecard.entity';
import { ScorecardsService } from '../scorecards/scorecards.service';
import { TenantsRepository } from '../tenants/tenants.repository';
import { toCallInput } from './call-input.mapper';
import { EvaluationEntity } from './entities/evaluation.entity';
import { toComplaintDetected, toEvaluationScored } from './evaluation-events.mapper';
import { EvaluationsRepository } from './evaluations.repository';

const DEFAULT_SECONDS_PER_RING = 3;

/** Scores a call with the tenant's active scorecard, once per scorecard version. */
@Injectable()
export class ScoreCallService {
  private readonly logger = new Logger(ScoreCallService.name);

  constructor(
    private readonly tenants: TenantsRepository,
    private readonly scorecards: ScorecardsService,
    private readonly evaluations: EvaluationsRepository,
    private readonly outbox: OutboxService,
  ) {}

  /** Runs the engine with the tenant's settings; stores nothing (dry runs use this alone). */
  async evaluate(
    manager: EntityManager,
    call: Call,
    card: ScorecardEntity,
  ): Promise<EvaluationResult> {
    const settings = await this.tenants.settings(manager, call.tenantId);
    // The compiled cache is keyed by id@version; the row id is unique across tenants.
    const compiled = getCompiledScorecard({
      ...card.definition,
      id: card.id,
      version: card.version,
    });
    return evaluateCall(compiled, toCallInput(call), {
      companyName: settings?.companyName ?? '',
      secondsPerRing: settings?.secondsPerRing ?? DEFAULT_SECONDS_PER_RING,
    });
  }

  /** Scores and stores once per scorecard version, publishing the events; null if already scored. */
  async score(
    manager: EntityManager,
    call: Call,
    meta: Pick<EventMeta, 'traceId'>,
    scorecard?: ScorecardEntity,
  ) {
    const card = scorecard ?? (await this.scorecards.ensureDefault(manager, call.tenantId));
    const result = await this.evaluate(manager, call, card);
    const row: Omit<EvaluationEntity, 'createdAt'> = {
      id: randomUUID(),
      tenantId: call.tenantId,
      callId: call.callId,
      agentId: call.agentId,
      teamId: call.teamId,
      callStartedAt: new Date(call.startedAt),
      scorecardKey: card.scorecardKey,
      scorecardVersion: card.version,
      score: result.score,
      grade: result.grade,
      status: 'auto',
      result: { ...result, scorecardId: card.scorecardKey, scorecardVersion: card.version },
    };
    if (!(await this.evaluations.insertIfAbsent(manager, row))) return null;
    const base = { key: call.callId, tenantId: call.tenantId, traceId: meta.traceId };
    await this.outbox.add(manager, [
      { ...base, topic: Topics.EvaluationScored, payload: toEvaluationScored(row, call) },
    ]);
    if (result.complaint.detected) {
      await this.outbox.add(manager, [
        { ...base, topic: Topics.ComplaintDetected, payload: toComplaintDetected(row, call) },
      ]);
    }
    this.logger.log(
      { callId: call.callId, tenantId: call.tenantId, score: result.score, traceId: meta.traceId },
      'call scored',
    );
    return row;
  }
}
