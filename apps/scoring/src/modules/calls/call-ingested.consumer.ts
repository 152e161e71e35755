import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Call, CallIngested, CallPurpose, Topics } from '@qa/contracts';
import { ChunkContext, ChunkItem, EventOptions } from '@qa/messaging';
import { AssignEvaluationsService } from '../assignments/assign-evaluations.service';
import { ScoreCallService } from '../evaluations/score-call.service';
import { ScoredCallsRepository } from './scored-calls.repository';

/** Decode-and-check happens here; the host dead-letters what fails it. */
export function validateCallIngested(event: CallIngested): string[] {
  const problems: string[] = [];
  const call = event.call;
  if (!call) return ['call is missing'];
  if (!call.callId) problems.push('call.callId is empty');
  if (!call.tenantId) problems.push('call.tenantId is empty');
  if (!call.agentId) problems.push('call.agentId is empty');
  if (Number.isNaN(Date.parse(call.startedAt))) problems.push('call.startedAt is not a timestamp');
  return problems;
}

/** Scores each chunk of ingested calls set-based: one statement per table, one log line. */
@Controller()
export class CallIngestedConsumer {
  private readonly logger = new Logger(CallIngestedConsumer.name);

  constructor(
    private readonly calls: ScoredCallsRepository,
    private readonly scoring: ScoreCallService,
    private readonly assign: AssignEvaluationsService,
  ) {}

  @EventPattern(Topics.CallIngested, {
    chunk: true,
    validate: validateCallIngested,
  } satisfies EventOptions<CallIngested>)
  async handle(
    @Payload() items: ChunkItem<CallIngested>[],
    @Ctx() ctx: ChunkContext,
  ): Promise<void> {
    const started = performance.now();
    const calls = items.map((i) => ({
      call: i.event.call as Call,
      eventId: i.meta.eventId,
      traceId: i.meta.traceId,
    }));
    await this.calls.saveMany(ctx.manager, calls);
    const stored = await this.scoring.scoreMany(ctx.manager, calls);
    // Same transaction: an evaluation is sampled once, when it is stored. Training calls (role
    // plays) are for the trainee and trainer, never the production QA queue.
    const training = new Set(
      calls
        .filter((c) => c.call.purpose === CallPurpose.CALL_PURPOSE_TRAINING)
        .map((c) => `${c.call.tenantId}/${c.call.callId}`),
    );
    const assigned = await this.assign.assignMany(
      ctx.manager,
      stored.map((s) => s.row).filter((r) => !training.has(`${r.tenantId}/${r.callId}`)),
      new Date(),
    );
    if (stored.length < calls.length) {
      this.logger.debug(
        { calls: calls.length - stored.length },
        'calls already scored with the active scorecard version',
      );
    }
    this.logger.log(
      {
        partition: ctx.partition,
        events: items.length,
        scored: stored.length,
        complaints: stored.filter((s) => s.row.result.complaint.detected).length,
        assigned: assigned.length,
        ms: Math.round(performance.now() - started),
      },
      'chunk scored',
    );
  }
}
