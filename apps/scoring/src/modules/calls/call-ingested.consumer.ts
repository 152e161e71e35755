import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Call, CallIngested, Topics } from '@qa/contracts';
import { ConsumeContext, EventConsumerHost } from '@qa/messaging';
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

@Injectable()
export class CallIngestedConsumer implements OnModuleInit {
  private readonly logger = new Logger(CallIngestedConsumer.name);

  constructor(
    private readonly host: EventConsumerHost,
    private readonly calls: ScoredCallsRepository,
    private readonly scoring: ScoreCallService,
  ) {}

  onModuleInit(): void {
    this.host.on(
      Topics.CallIngested,
      (event, ctx) => this.handle(event, ctx),
      validateCallIngested,
    );
  }

  async handle(event: CallIngested, ctx: ConsumeContext): Promise<void> {
    const call = event.call as Call;
    await this.calls.save(ctx.manager, call, ctx.meta.eventId);
    const evaluation = await this.scoring.score(ctx.manager, call, ctx.meta);
    if (!evaluation) {
      this.logger.log(
        { callId: call.callId, tenantId: call.tenantId, traceId: ctx.meta.traceId },
        'call already scored with the active scorecard version',
      );
    }
  }
}
