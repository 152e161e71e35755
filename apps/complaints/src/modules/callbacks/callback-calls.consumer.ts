import { Injectable, OnModuleInit } from '@nestjs/common';
import { Topics } from '@qa/contracts';
import { EventConsumerHost } from '@qa/messaging';
import { AutoCallbackService } from './auto-callback.service';

/** Outbound callback calls close the loop by themselves: the call and its script check. */
@Injectable()
export class CallbackCallsConsumer implements OnModuleInit {
  constructor(
    private readonly host: EventConsumerHost,
    private readonly auto: AutoCallbackService,
  ) {}

  onModuleInit(): void {
    this.host.onBatch(
      Topics.CallIngested,
      (items, ctx) => this.auto.onCalls(ctx.manager, items),
      (e) => (e.call?.callId && e.call.tenantId ? [] : ['call.callId or call.tenantId is empty']),
    );
    this.host.onBatch(
      Topics.EvaluationScored,
      (items, ctx) => this.auto.onScored(ctx.manager, items),
      (e) => (e.callId && e.tenantId ? [] : ['callId or tenantId is empty']),
    );
  }
}
