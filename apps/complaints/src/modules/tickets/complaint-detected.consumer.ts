import { Injectable, OnModuleInit } from '@nestjs/common';
import { ComplaintDetected, Topics } from '@qa/contracts';
import { EventConsumerHost } from '@qa/messaging';
import { OpenTicketService } from './open-ticket.service';

/** Decode-and-check; the host dead-letters what fails it. */
export function validateComplaintDetected(e: ComplaintDetected): string[] {
  const problems: string[] = [];
  if (!e.callId) problems.push('callId is empty');
  if (!e.tenantId) problems.push('tenantId is empty');
  return problems;
}

/** One ticket per detected call: the inbox drops redeliveries, the (tenant, call) key the rest. */
@Injectable()
export class ComplaintDetectedConsumer implements OnModuleInit {
  constructor(
    private readonly host: EventConsumerHost,
    private readonly opener: OpenTicketService,
  ) {}

  onModuleInit(): void {
    this.host.onBatch(
      Topics.ComplaintDetected,
      async (items, ctx) => {
        await this.opener.openFromDetections(ctx.manager, items, new Date());
      },
      validateComplaintDetected,
    );
  }
}
