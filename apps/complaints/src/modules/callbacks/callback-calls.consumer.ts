import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CallIngested, EvaluationScored, Topics } from '@qa/contracts';
import { ChunkContext, ChunkItem, EventOptions } from '@qa/messaging';
import { AutoCallbackService } from './auto-callback.service';

/** Outbound callback calls close the loop by themselves: the call and its script check. */
@Controller()
export class CallbackCallsConsumer {
  constructor(private readonly auto: AutoCallbackService) {}

  @EventPattern(Topics.CallIngested, {
    chunk: true,
    validate: (e) =>
      e.call?.callId && e.call.tenantId ? [] : ['call.callId or call.tenantId is empty'],
  } satisfies EventOptions<CallIngested>)
  async onCalls(@Payload() items: ChunkItem<CallIngested>[], @Ctx() ctx: ChunkContext) {
    await this.auto.onCalls(ctx.manager, items);
  }

  @EventPattern(Topics.EvaluationScored, {
    chunk: true,
    validate: (e) => (e.callId && e.tenantId ? [] : ['callId or tenantId is empty']),
  } satisfies EventOptions<EvaluationScored>)
  async onScored(@Payload() items: ChunkItem<EvaluationScored>[], @Ctx() ctx: ChunkContext) {
    await this.auto.onScored(ctx.manager, items);
  }
}
