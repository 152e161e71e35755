import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ComplaintDetected, Topics } from '@qa/contracts';
import { ChunkContext, ChunkItem, EventOptions } from '@qa/messaging';
import { OpenTicketService } from './open-ticket.service';

/** Decode-and-check; the host dead-letters what fails it. */
export function validateComplaintDetected(e: ComplaintDetected): string[] {
  const problems: string[] = [];
  if (!e.callId) problems.push('callId is empty');
  if (!e.tenantId) problems.push('tenantId is empty');
  return problems;
}

/** One ticket per detected call: the inbox drops redeliveries, the (tenant, call) key the rest. */
@Controller()
export class ComplaintDetectedConsumer {
  constructor(private readonly opener: OpenTicketService) {}

  @EventPattern(Topics.ComplaintDetected, {
    chunk: true,
    validate: validateComplaintDetected,
  } satisfies EventOptions<ComplaintDetected>)
  async handle(@Payload() items: ChunkItem<ComplaintDetected>[], @Ctx() ctx: ChunkContext) {
    await this.opener.openFromDetections(ctx.manager, items, new Date());
  }
}
