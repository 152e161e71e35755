import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EvaluationReviewed, EvaluationScored, Topics, isInstant } from '@qa/contracts';
import { ChunkContext, ChunkItem, EventOptions } from '@qa/messaging';
import { RecordEvaluationsService } from './record-evaluations.service';

// Strict (calendar, offset): Postgres refuses what Date.parse lets through, in the handler.
const isTime = isInstant;

/** Decode-and-check; the host dead-letters what fails it. */
export function validateScored(e: EvaluationScored): string[] {
  const problems: string[] = [];
  if (!e.evaluationId) problems.push('evaluationId is empty');
  if (!e.tenantId) problems.push('tenantId is empty');
  if (!e.agentId) problems.push('agentId is empty');
  if (!isTime(e.callStartedAt)) problems.push('callStartedAt is missing or invalid');
  return problems;
}

export function validateReviewed(e: EvaluationReviewed): string[] {
  const problems: string[] = [];
  if (!e.evaluationId) problems.push('evaluationId is empty');
  if (!e.tenantId) problems.push('tenantId is empty');
  return problems;
}

/** Scored and reviewed evaluations, a chunk at a time, into coaching's per-rule history. */
@Controller()
export class CoachingEventsConsumer {
  constructor(private readonly record: RecordEvaluationsService) {}

  @EventPattern(Topics.EvaluationScored, {
    chunk: true,
    validate: validateScored,
  } satisfies EventOptions<EvaluationScored>)
  async scored(@Payload() items: ChunkItem<EvaluationScored>[], @Ctx() ctx: ChunkContext) {
    await this.record.scored(ctx.manager, items);
  }

  @EventPattern(Topics.EvaluationReviewed, {
    chunk: true,
    validate: validateReviewed,
  } satisfies EventOptions<EvaluationReviewed>)
  async reviewed(@Payload() items: ChunkItem<EvaluationReviewed>[], @Ctx() ctx: ChunkContext) {
    await this.record.reviewed(ctx.manager, items);
  }
}
