import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CallIngested,
  EventMap,
  EventTopic,
  Topics,
  validateTenantUpserted,
  isInstant,
} from '@qa/contracts';
import { ChunkContext, ChunkItem, EventOptions } from '@qa/messaging';
import { RecordFactsService } from './record-facts.service';

// Strict (calendar, offset): Postgres refuses what Date.parse lets through, in the handler.
const isTime = isInstant;

/** Checks that every fact keeps its key and its event time; the host dead-letters the rest. */
function requireFields<T>(checks: [keyof T & string, (v: T) => boolean][]) {
  return (e: T) =>
    checks.filter(([, ok]) => !ok(e)).map(([name]) => `${name} is missing or invalid`);
}
const text = (v: unknown) => typeof v === 'string' && v.length > 0;

export function validateCall(e: CallIngested): string[] {
  const c = e.call;
  if (!c) return ['call is missing'];
  return requireFields<NonNullable<CallIngested['call']>>([
    ['callId', (x) => text(x.callId)],
    ['tenantId', (x) => text(x.tenantId)],
    ['startedAt', (x) => isTime(x.startedAt)],
  ])(c);
}

const VALIDATORS: { [K in EventTopic]?: (e: EventMap[K]) => string[] } = {
  [Topics.CallIngested]: validateCall,
  [Topics.TenantUpserted]: validateTenantUpserted,
  [Topics.EvaluationScored]: requireFields([
    ['evaluationId', (e) => text(e.evaluationId)],
    ['tenantId', (e) => text(e.tenantId)],
    ['callId', (e) => text(e.callId)],
    ['callStartedAt', (e) => isTime(e.callStartedAt)],
  ]),
  [Topics.EvaluationReviewed]: requireFields([
    ['evaluationId', (e) => text(e.evaluationId)],
    ['tenantId', (e) => text(e.tenantId)],
    ['callId', (e) => text(e.callId)],
  ]),
  [Topics.ComplaintOpened]: requireFields([
    ['ticketId', (e) => text(e.ticketId)],
    ['tenantId', (e) => text(e.tenantId)],
    ['openedAt', (e) => isTime(e.openedAt)],
  ]),
  [Topics.ComplaintTransitioned]: requireFields([
    ['ticketId', (e) => text(e.ticketId)],
    ['tenantId', (e) => text(e.tenantId)],
    ['toStatus', (e) => text(e.toStatus)],
    ['at', (e) => isTime(e.at)],
  ]),
  [Topics.ComplaintSlaBreached]: requireFields([
    ['ticketId', (e) => text(e.ticketId)],
    ['tenantId', (e) => text(e.tenantId)],
    ['breachedAt', (e) => isTime(e.breachedAt)],
  ]),
  [Topics.CallbackScheduled]: requireFields([
    ['ticketId', (e) => text(e.ticketId)],
    ['tenantId', (e) => text(e.tenantId)],
    ['dueAt', (e) => isTime(e.dueAt)],
  ]),
  [Topics.CallbackCompleted]: requireFields([
    ['ticketId', (e) => text(e.ticketId)],
    ['tenantId', (e) => text(e.tenantId)],
    ['doneAt', (e) => isTime(e.doneAt)],
  ]),
};

/** A chunk handler of `topic`, checked by its validator above. */
const facts = <K extends EventTopic>(topic: K): EventOptions<EventMap[K]> => ({
  chunk: true,
  validate: VALIDATORS[topic] as ((e: EventMap[K]) => string[]) | undefined,
});

type Items<K extends EventTopic> = ChunkItem<EventMap[K]>[];

/** Every event the KPIs are made of, a chunk at a time, into facts (RecordFactsService). */
@Controller()
export class KpiEventsConsumer {
  constructor(private readonly record: RecordFactsService) {}

  @EventPattern(Topics.TenantUpserted, facts(Topics.TenantUpserted))
  async tenants(@Payload() items: Items<'qa.tenant.upserted.v1'>, @Ctx() ctx: ChunkContext) {
    await this.record.tenants(ctx.manager, items);
  }

  @EventPattern(Topics.CallIngested, facts(Topics.CallIngested))
  async calls(@Payload() items: Items<'qa.call.ingested.v1'>, @Ctx() ctx: ChunkContext) {
    await this.record.calls(ctx.manager, items);
  }

  @EventPattern(Topics.EvaluationScored, facts(Topics.EvaluationScored))
  async scored(@Payload() items: Items<'qa.evaluation.scored.v1'>, @Ctx() ctx: ChunkContext) {
    await this.record.scored(ctx.manager, items);
  }

  @EventPattern(Topics.EvaluationReviewed, facts(Topics.EvaluationReviewed))
  async reviewed(@Payload() items: Items<'qa.evaluation.reviewed.v1'>, @Ctx() ctx: ChunkContext) {
    await this.record.reviewed(ctx.manager, items);
  }

  @EventPattern(Topics.ComplaintOpened, facts(Topics.ComplaintOpened))
  async opened(@Payload() items: Items<'qa.complaint.opened.v1'>, @Ctx() ctx: ChunkContext) {
    await this.record.opened(ctx.manager, items);
  }

  @EventPattern(Topics.ComplaintTransitioned, facts(Topics.ComplaintTransitioned))
  async transitioned(
    @Payload() items: Items<'qa.complaint.transitioned.v1'>,
    @Ctx() ctx: ChunkContext,
  ) {
    await this.record.transitioned(ctx.manager, items);
  }

  @EventPattern(Topics.ComplaintSlaBreached, facts(Topics.ComplaintSlaBreached))
  async breached(
    @Payload() items: Items<'qa.complaint.sla-breached.v1'>,
    @Ctx() ctx: ChunkContext,
  ) {
    await this.record.breached(ctx.manager, items);
  }

  @EventPattern(Topics.CallbackScheduled, facts(Topics.CallbackScheduled))
  async callbackScheduled(
    @Payload() items: Items<'qa.callback.scheduled.v1'>,
    @Ctx() ctx: ChunkContext,
  ) {
    await this.record.callbackScheduled(ctx.manager, items);
  }

  @EventPattern(Topics.CallbackCompleted, facts(Topics.CallbackCompleted))
  async callbackCompleted(
    @Payload() items: Items<'qa.callback.completed.v1'>,
    @Ctx() ctx: ChunkContext,
  ) {
    await this.record.callbackCompleted(ctx.manager, items);
  }
}
