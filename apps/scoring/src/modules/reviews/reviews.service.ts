import { Injectable } from '@nestjs/common';
import { OutboxService } from '@qa/messaging';
import { canSeePii, Identity, tenantOf } from '@qa/platform';
import { DataSource, EntityManager } from 'typeorm';
import { EvaluationEntity } from '../evaluations/entities/evaluation.entity';
import { NewHistoryRow } from '../evaluations/entities/evaluation-history.entity';
import { EvaluationHistoryRepository } from '../evaluations/evaluation-history.repository';
import { toEvaluationResponse } from '../evaluations/evaluations.mapper';
import { visibleTo } from '../evaluations/evaluations.service';
import { reviewedResult } from '../evaluations/reviewed-result';
import { HistoryResponseDto } from './dto/review.response.dto';
import { ReviewRequestDto } from './dto/review.request.dto';
import { ReviewDecisionEntity } from './entities/review-decision.entity';
import { applyReview, decisionRows, weekOf } from './review-rules';
import { ReviewError } from './reviews.errors';
import { historyRow, reviewedEvent, reviewStepEvent, toHistoryEntry } from './reviews.mapper';
import { ReviewsRepository } from './reviews.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** QA review, release and acknowledgement of evaluations, each step in the history. */
@Injectable()
export class ReviewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reviews: ReviewsRepository,
    private readonly history: EvaluationHistoryRepository,
    private readonly outbox: OutboxService,
  ) {}

  /** The evaluation if this identity may see it; 404 for another tenant's, or an agent's unreleased. */
  async visible(m: EntityManager, identity: Identity, id: string, lock = false) {
    const tenantId = tenantOf(identity);
    if (!UUID.test(id)) throw ReviewError.notFound(`evaluation ${id}`);
    const row = await this.reviews.find(m, tenantId, id, lock);
    if (!row || !visibleTo(identity, row)) throw ReviewError.notFound(`evaluation ${id}`);
    return row;
  }

  async review(identity: Identity, id: string, dto: ReviewRequestDto, traceId: string) {
    const row = await this.dataSource.transaction(async (m) => {
      const e = await this.visible(m, identity, id);
      if (e.status === 'final') throw ReviewError.final(id);
      if (e.version !== dto.expectedVersion)
        throw ReviewError.stale(dto.expectedVersion, e.version);
      const now = new Date();
      const applied = applyReview(e, dto, { by: identity.username, at: now.toISOString() });
      if (applied.errors.length > 0) throw ReviewError.invalid(applied.errors);
      const finalize = dto.finalize === true;
      const current = reviewedResult(e.result, applied.review, e.reviewItems, finalize);
      const next: EvaluationEntity = {
        ...e,
        status: finalize ? 'final' : 'in_review',
        score: current.score,
        grade: current.grade,
        currentResult: current,
        review: applied.review,
        version: e.version + 1,
        ...(finalize ? { finalizedAt: now, finalizedBy: identity.username } : {}),
      };
      const won = await this.reviews.updateAtVersion(m, e.tenantId, id, e.version, {
        status: next.status,
        score: next.score,
        grade: next.grade,
        currentResult: next.currentResult,
        review: next.review,
        finalizedAt: next.finalizedAt,
        finalizedBy: next.finalizedBy,
      });
      // Another reviewer committed first with the same expectedVersion.
      if (!won) throw ReviewError.stale(dto.expectedVersion, dto.expectedVersion + 1);
      const who = { by: identity.username, role: identity.role, at: now };
      await this.history.append(m, [
        historyRow(e, who, finalize ? 'finalized' : 'reviewed', {
          changes: applied.changes,
          reason: dto.comment?.trim() || null,
          scoreBefore: e.score,
          scoreAfter: next.score,
        }),
      ]);
      if (finalize) {
        await this.reviews.insertDecisions(
          m,
          decisionRows(e.result, next.review).map((d): ReviewDecisionEntity => ({
            ...d,
            tenantId: e.tenantId,
            evaluationId: e.id,
            decidedBy: identity.username,
            decidedAt: now,
            week: weekOf(now),
          })),
        );
        await this.outbox.add(m, [reviewedEvent(next, identity.username, traceId, now)]);
      }
      return next;
    });
    if (row.status === 'final') this.outbox.wake();
    return toEvaluationResponse(row, canSeePii(identity));
  }

  async historyOf(identity: Identity, id: string): Promise<HistoryResponseDto> {
    const rows = await this.dataSource.transaction(async (m) => {
      const e = await this.visible(m, identity, id);
      return this.history.of(m, e.tenantId, e.id);
    });
    return { items: rows.map(toHistoryEntry) };
  }

  /** Lets the agent see a final evaluation; releasing it again changes nothing. */
  async release(identity: Identity, id: string, traceId: string) {
    const row = await this.dataSource.transaction(async (m) => {
      const e = await this.visible(m, identity, id, true);
      if (e.status !== 'final') throw ReviewError.notFinal(id);
      if (e.releasedAt) return e;
      const now = new Date();
      await this.reviews.updateAtVersion(m, e.tenantId, id, e.version, {
        releasedAt: now,
        releasedBy: identity.username,
      });
      const next = { ...e, releasedAt: now, releasedBy: identity.username, version: e.version + 1 };
      await this.step(m, next, historyRow(e, this.who(identity, now), 'released'), traceId);
      return next;
    });
    this.outbox.wake();
    return toEvaluationResponse(row, canSeePii(identity));
  }

  /** The agent has read it; acknowledging again changes nothing. */
  async acknowledge(identity: Identity, id: string, traceId: string) {
    const row = await this.dataSource.transaction(async (m) => {
      const e = await this.visible(m, identity, id, true);
      if (e.acknowledgedAt) return e;
      const now = new Date();
      await this.reviews.updateAtVersion(m, e.tenantId, id, e.version, { acknowledgedAt: now });
      const next = { ...e, acknowledgedAt: now, version: e.version + 1 };
      await this.step(m, next, historyRow(e, this.who(identity, now), 'acknowledged'), traceId);
      return next;
    });
    this.outbox.wake();
    return toEvaluationResponse(row, canSeePii(identity));
  }

  who(identity: Identity, at: Date) {
    return { by: identity.username, role: identity.role, at };
  }

  /** A step after scoring: its history row and its event, in the caller's transaction. */
  async step(
    m: EntityManager,
    e: EvaluationEntity,
    row: NewHistoryRow,
    traceId: string,
    more: { decision?: string; itemIds?: string[] } = {},
  ): Promise<void> {
    await this.history.append(m, [row]);
    await this.outbox.add(m, [reviewStepEvent(e, row, traceId, more)]);
  }
}
