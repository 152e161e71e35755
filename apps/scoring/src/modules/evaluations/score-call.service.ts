import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Call, CallPurpose, Topics } from '@qa/contracts';
import { OutboxService, OutgoingEvent } from '@qa/messaging';
import {
  DEFAULT_SECONDS_PER_RING,
  evaluateCall,
  EvaluationResult,
  getCompiledScorecard,
} from '@qa/qa-rules';
import { EntityManager } from 'typeorm';
import { ScorecardEntity } from '../scorecards/entities/scorecard.entity';
import { ScorecardsService } from '../scorecards/scorecards.service';
import { TenantSettings, TenantsRepository } from '../tenants/tenants.repository';
import { isAnsweredCall, toCallInput } from './call-input.mapper';
import { EvaluationEntity } from './entities/evaluation.entity';
import { toComplaintDetected, toEvaluationScored } from './evaluation-events.mapper';
import { EvaluationHistoryRepository } from './evaluation-history.repository';
import { EvaluationsRepository } from './evaluations.repository';
import { reviewedResult } from './reviewed-result';

export type EvaluationRow = Omit<EvaluationEntity, 'createdAt'>;

export interface CallToScore {
  call: Call;
  traceId: string;
}

export interface Evaluated {
  call: Call;
  card: ScorecardEntity;
  result: EvaluationResult;
}

type ScoringEvent = OutgoingEvent<typeof Topics.EvaluationScored | typeof Topics.ComplaintDetected>;

/** Scores calls with their tenant's active scorecard (or a given one), once per scorecard version. */
@Injectable()
export class ScoreCallService {
  constructor(
    private readonly tenants: TenantsRepository,
    private readonly scorecards: ScorecardsService,
    private readonly evaluations: EvaluationsRepository,
    private readonly history: EvaluationHistoryRepository,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Runs the engine on every call with its tenant's settings; stores nothing (dry runs use this
   * alone). One query for the settings and one for the active scorecards, whatever the count.
   */
  async evaluateMany(
    manager: EntityManager,
    calls: readonly Call[],
    card?: ScorecardEntity,
  ): Promise<Evaluated[]> {
    const tenantIds = [...new Set(calls.map((c) => c.tenantId))];
    const settings = await this.tenants.settingsOf(manager, tenantIds);
    const active = card ? undefined : await this.scorecards.activeFor(manager, tenantIds);
    return calls.map((call) => {
      const used = card ?? active!.get(call.tenantId)!;
      return { call, card: used, result: run(used, settings.get(call.tenantId), call) };
    });
  }

  /**
   * Scores and stores once per scorecard version with one multi-row insert, and records the
   * events of the evaluations stored in one outbox insert. Answers the rows stored; a call
   * already scored by that version is left out, and so is an unanswered call (not an agent's
   * work: see isAnsweredCall).
   */
  async scoreMany(
    manager: EntityManager,
    all: readonly CallToScore[],
    card?: ScorecardEntity,
  ): Promise<{ row: EvaluationRow; call: Call }[]> {
    const calls = all.filter((c) => isAnsweredCall(c.call));
    const evaluated = await this.evaluateMany(
      manager,
      calls.map((c) => c.call),
      card,
    );
    const rows = evaluated.map(toRow);
    const stored = await this.evaluations.insertManyIfAbsent(manager, rows);
    const out: { row: EvaluationRow; call: Call }[] = [];
    const events: ScoringEvent[] = [];
    rows.forEach((row, i) => {
      const scoredAt = stored.get(row.id);
      if (!scoredAt) return;
      const { call, traceId } = calls[i];
      const base = { key: call.callId, tenantId: call.tenantId, traceId };
      events.push({
        ...base,
        topic: Topics.EvaluationScored,
        payload: toEvaluationScored(row, call, evaluated[i].card.active),
        // The evaluation is scoring's fact: it happened when it was stored (its createdAt).
        occurredAt: scoredAt.toISOString(),
      });
      // A role-played complaint is feedback for the trainee, not a ticket (nor a complaint KPI).
      if (row.result.complaint.detected && call.purpose !== CallPurpose.CALL_PURPOSE_TRAINING) {
        events.push({
          ...base,
          topic: Topics.ComplaintDetected,
          payload: toComplaintDetected(row, call),
          // The customer complained during the call: the call's end, as on qa.call.ingested.v1.
          occurredAt: new Date(call.endedAt).toISOString(),
        });
      }
      out.push({ row, call });
    });
    await this.history.append(
      manager,
      out.map(({ row }) => ({
        tenantId: row.tenantId,
        evaluationId: row.id,
        at: new Date(),
        by: 'engine',
        role: 'system',
        action: 'scored' as const,
        changes: [],
        reason: null,
        scoreBefore: null,
        scoreAfter: row.autoScore,
        disputeId: null,
      })),
    );
    await this.outbox.add(manager, events);
    return out;
  }
}

function run(card: ScorecardEntity, settings: TenantSettings | undefined, call: Call) {
  // The compiled cache is keyed by id@version; the row id is unique across tenants.
  const compiled = getCompiledScorecard({ ...card.definition, id: card.id, version: card.version });
  return evaluateCall(compiled, toCallInput(call), {
    companyName: settings?.companyName ?? '',
    secondsPerRing: settings?.secondsPerRing ?? DEFAULT_SECONDS_PER_RING,
  });
}

function toRow({ call, card, result: engine }: Evaluated): EvaluationRow {
  const result = { ...engine, scorecardId: card.scorecardKey, scorecardVersion: card.version };
  const reviewItems = card.definition.items
    .filter((i) => i.needsHumanReview === true)
    .map((i) => i.id);
  const review = { decisions: {} };
  const current = reviewedResult(result, review, reviewItems, false);
  return {
    id: randomUUID(),
    tenantId: call.tenantId,
    callId: call.callId,
    agentId: call.agentId,
    teamId: call.teamId,
    callStartedAt: new Date(call.startedAt),
    scorecardKey: card.scorecardKey,
    scorecardVersion: card.version,
    score: current.score,
    grade: current.grade,
    status: 'auto',
    result,
    version: 1,
    autoScore: result.score,
    autoGrade: result.grade,
    currentResult: current === result ? null : current,
    review,
    reviewItems,
    finalizedAt: null,
    finalizedBy: null,
    releasedAt: null,
    releasedBy: null,
    acknowledgedAt: null,
  };
}
