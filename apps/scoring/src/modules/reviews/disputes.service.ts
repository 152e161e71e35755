import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OutboxService } from '@qa/messaging';
import { Identity, tenantOf } from '@qa/platform';
import { DataSource } from 'typeorm';
import { EvaluationHistoryRepository } from '../evaluations/evaluation-history.repository';
import { reviewedResult } from '../evaluations/reviewed-result';
import {
  CreateDisputeRequestDto,
  DisputeDecisionRequestDto,
  ListDisputesRequestDto,
  ReviewSettingsRequestDto,
} from './dto/dispute.request.dto';
import { DisputePageResponseDto, DisputeResponseDto } from './dto/review.response.dto';
import { applyDecision, disputeRefusal, resolveDisputeItems } from './dispute-rules';
import { DisputeEntity } from './entities/dispute.entity';
import { decisionRuleId, outcomeNow } from './review-rules';
import { ReviewError } from './reviews.errors';
import { historyRow, toDisputeResponse, reviewedEvent } from './reviews.mapper';
import { ReviewsRepository } from './reviews.repository';
import { ReviewsService } from './reviews.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Agents dispute their released evaluations; leads decide. */
@Injectable()
export class DisputesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reviews: ReviewsRepository,
    private readonly evaluations: ReviewsService,
    private readonly history: EvaluationHistoryRepository,
    private readonly outbox: OutboxService,
  ) {}

  async open(
    identity: Identity,
    evaluationId: string,
    dto: CreateDisputeRequestDto,
    traceId: string,
  ): Promise<DisputeResponseDto> {
    const opened = await this.dataSource.transaction(async (m) => {
      // The row lock serialises an agent's concurrent disputes of one evaluation.
      const e = await this.evaluations.visible(m, identity, evaluationId, true);
      if (!e.releasedAt) throw ReviewError.notFound(`evaluation ${evaluationId}`);
      const earlier = await this.reviews.disputesOf(m, e.tenantId, e.id);
      const open = earlier.find((d) => d.status === 'open');
      if (open) throw ReviewError.disputeOpen(open.id);
      const now = new Date();
      const settings = await this.reviews.settingsOf(m, e.tenantId);
      const refusal = disputeRefusal(now, e.releasedAt, settings, earlier.length);
      if (refusal) throw ReviewError.disputeRefused(refusal.code, refusal.message);
      const { items, errors } = resolveDisputeItems(e, dto.items);
      if (errors.length > 0) throw ReviewError.invalid(errors);
      const dispute: DisputeEntity = {
        id: randomUUID(),
        tenantId: e.tenantId,
        evaluationId: e.id,
        agentId: e.agentId,
        items,
        status: 'open',
        openedBy: identity.username,
        openedAt: now,
        decidedBy: null,
        decidedAt: null,
        decisionComment: null,
        decisionItems: null,
      };
      await this.reviews.insertDispute(m, dispute);
      await this.evaluations.step(
        m,
        e,
        historyRow(e, { by: identity.username, role: identity.role, at: now }, 'disputed', {
          changes: items.map((it) => ({
            ...(it.ruleId ? { ruleId: it.ruleId } : {}),
            itemId: it.itemId,
            before: outcomeNow(e, it.itemId),
            after: 'disputed',
            reason: it.comment,
          })),
          reason: items.map((it) => it.comment).join('\n'),
          disputeId: dispute.id,
        }),
        traceId,
      );
      return dispute;
    });
    this.outbox.wake();
    return toDisputeResponse(opened);
  }

  async decide(
    identity: Identity,
    disputeId: string,
    dto: DisputeDecisionRequestDto,
    traceId: string,
  ): Promise<DisputeResponseDto> {
    const result = await this.dataSource.transaction(async (m) => {
      const tenantId = tenantOf(identity);
      if (!UUID.test(disputeId)) throw ReviewError.notFound(`dispute ${disputeId}`);
      const d = await this.reviews.findDispute(m, tenantId, disputeId, true);
      if (!d) throw ReviewError.notFound(`dispute ${disputeId}`);
      if (d.status !== 'open') throw ReviewError.disputeDecided(d.id);
      const e = await this.evaluations.visible(m, identity, d.evaluationId, true);
      const now = new Date();
      const comment = dto.comment.trim();
      const applied = applyDecision(
        e,
        dto.decision,
        dto.items ?? [],
        new Set(d.items.map((i) => i.itemId)),
        comment,
        { by: identity.username, at: now.toISOString() },
      );
      if (!comment) applied.errors.push({ path: 'comment', message: 'a decision needs a comment' });
      if (applied.errors.length > 0) throw ReviewError.invalid(applied.errors);
      const current = reviewedResult(e.result, applied.review, e.reviewItems, true);
      const next = {
        ...e,
        score: current.score,
        grade: current.grade,
        currentResult: current,
        review: applied.review,
        version: e.version + 1,
      };
      await this.reviews.updateAtVersion(m, e.tenantId, e.id, e.version, {
        score: next.score,
        grade: next.grade,
        currentResult: next.currentResult,
        review: next.review,
      });
      const decided: DisputeEntity = {
        ...d,
        status: dto.decision,
        decidedBy: identity.username,
        decidedAt: now,
        decisionComment: comment,
        decisionItems: applied.changes.map((c) => ({
          ...(c.ruleId ? { ruleId: c.ruleId } : {}),
          itemId: c.itemId,
          outcome: next.review.decisions[c.itemId].outcome,
          ...(next.review.decisions[c.itemId].reason !== comment
            ? { comment: next.review.decisions[c.itemId].reason }
            : {}),
        })),
      };
      await this.reviews.decideDispute(m, decided);
      await this.evaluations.step(
        m,
        next,
        historyRow(e, { by: identity.username, role: identity.role, at: now }, 'dispute_decided', {
          changes: applied.changes,
          reason: `${dto.decision}: ${comment}`,
          scoreBefore: e.score,
          scoreAfter: next.score,
          disputeId: d.id,
        }),
        traceId,
        { decision: dto.decision },
      );
      // The agreement report follows the lead: the person's side of each changed rule.
      const findings = e.result.findings;
      await this.reviews.updateHumanOutcomes(
        m,
        e.id,
        findings
          .filter((f) => applied.changes.some((c) => c.itemId === f.itemId))
          .map((f) => {
            const o = next.review.decisions[f.itemId].outcome;
            return {
              ruleId: decisionRuleId(findings, f),
              humanOutcome: o === 'not_applicable' ? ('na' as const) : o,
            };
          }),
      );
      if (applied.changes.length > 0) {
        await this.outbox.add(m, [reviewedEvent(next, identity.username, traceId, now)]);
      }
      return decided;
    });
    this.outbox.wake();
    return toDisputeResponse(result);
  }

  async list(identity: Identity, q: ListDisputesRequestDto): Promise<DisputePageResponseDto> {
    const tenantId = tenantOf(identity);
    if (identity.role === 'agent' && !identity.agentId) return { items: [], nextCursor: null };
    const rows = await this.reviews.listDisputes(this.dataSource.manager, {
      tenantId,
      status: q.status,
      evaluationId: q.evaluationId,
      agentId: identity.role === 'agent' ? identity.agentId : undefined,
      limit: q.limit ?? 50,
    });
    return { items: rows.map(toDisputeResponse), nextCursor: null };
  }

  settings(identity: Identity) {
    return this.reviews.settingsOf(this.dataSource.manager, tenantOf(identity));
  }

  async saveSettings(identity: Identity, dto: ReviewSettingsRequestDto) {
    const s = { disputeWindowDays: dto.disputeWindowDays, maxDisputes: dto.maxDisputes };
    await this.reviews.saveSettings(
      this.dataSource.manager,
      tenantOf(identity),
      s,
      identity.username,
    );
    return s;
  }
}
