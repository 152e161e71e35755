import { Injectable, OnModuleInit } from '@nestjs/common';
import { EvaluationReviewed, EvaluationScored, Topics } from '@qa/contracts';
import { EventConsumerHost } from '@qa/messaging';
import { RecordEvaluationsService } from './record-evaluations.service';

const isTime = (s: string) => s !== '' && !Number.isNaN(Date.parse(s));

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
@Injectable()
export class CoachingEventsConsumer implements OnModuleInit {
  constructor(
    private readonly host: EventConsumerHost,
    private readonly record: RecordEvaluationsService,
  ) {}

  onModuleInit(): void {
    this.host.onBatch(
      Topics.EvaluationScored,
      async (items, ctx) => {
        if (items.length)
          await this.record.scored(
            ctx.manager,
            items.map(({ event, meta }) => ({ event, meta })),
          );
      },
      validateScored,
    );
    this.host.onBatch(
      Topics.EvaluationReviewed,
      async (items, ctx) => {
        if (items.length)
          await this.record.reviewed(
            ctx.manager,
            items.map(({ event, meta }) => ({ event, meta })),
          );
      },
      validateReviewed,
    );
  }
}
