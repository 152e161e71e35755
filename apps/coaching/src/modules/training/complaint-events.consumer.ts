import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ComplaintOpened, ComplaintTransitioned, Topics, isInstant } from '@qa/contracts';
import { ChunkContext, ChunkItem, EventOptions } from '@qa/messaging';
import { TrainingRepository } from './training.repository';

// Strict (calendar, offset): Postgres refuses what Date.parse lets through, in the handler.
const isTime = isInstant;

export function validateOpened(e: ComplaintOpened): string[] {
  const problems: string[] = [];
  if (!e.ticketId) problems.push('ticketId is empty');
  if (!e.tenantId) problems.push('tenantId is empty');
  if (!isTime(e.openedAt)) problems.push('openedAt is missing or invalid');
  return problems;
}

export function validateTransitioned(e: ComplaintTransitioned): string[] {
  const problems: string[] = [];
  if (!e.ticketId) problems.push('ticketId is empty');
  if (!e.tenantId) problems.push('tenantId is empty');
  if (!e.toStatus) problems.push('toStatus is empty');
  if (!isTime(e.at)) problems.push('at is missing or invalid');
  return problems;
}

/** Complaints per agent and their moves, for training-effect reports (resolution, repeats). */
@Controller()
export class ComplaintEventsConsumer {
  constructor(private readonly repo: TrainingRepository) {}

  @EventPattern(Topics.ComplaintOpened, {
    chunk: true,
    validate: validateOpened,
  } satisfies EventOptions<ComplaintOpened>)
  async opened(@Payload() items: ChunkItem<ComplaintOpened>[], @Ctx() ctx: ChunkContext) {
    await this.repo.insertComplaints(
      ctx.manager,
      items.map(({ event: e }) => ({
        tenant_id: e.tenantId,
        ticket_id: e.ticketId,
        agent_id: e.agentId,
        repeat: e.repeat,
        opened_at: e.openedAt,
      })),
    );
  }

  @EventPattern(Topics.ComplaintTransitioned, {
    chunk: true,
    validate: validateTransitioned,
  } satisfies EventOptions<ComplaintTransitioned>)
  async transitioned(
    @Payload() items: ChunkItem<ComplaintTransitioned>[],
    @Ctx() ctx: ChunkContext,
  ) {
    await this.repo.insertTransitions(
      ctx.manager,
      items.map(({ event: e }) => ({
        tenant_id: e.tenantId,
        ticket_id: e.ticketId,
        version: e.version,
        to_status: e.toStatus,
        at: e.at,
      })),
    );
  }
}
