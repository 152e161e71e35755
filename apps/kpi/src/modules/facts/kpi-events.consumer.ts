import { Injectable, OnModuleInit } from '@nestjs/common';
import { CallIngested, EventMap, EventTopic, Topics, validateTenantUpserted } from '@qa/contracts';
import { BatchItem, EventConsumerHost } from '@qa/messaging';
import { EntityManager } from 'typeorm';
import { Incoming, RecordFactsService } from './record-facts.service';

const isTime = (s: string) => s !== '' && !Number.isNaN(Date.parse(s));

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

/** Every event the KPIs are made of, a chunk at a time, into facts (RecordFactsService). */
@Injectable()
export class KpiEventsConsumer implements OnModuleInit {
  constructor(
    private readonly host: EventConsumerHost,
    private readonly record: RecordFactsService,
  ) {}

  onModuleInit(): void {
    const r = this.record;
    this.register(Topics.TenantUpserted, (m, i) => r.tenants(m, i));
    this.register(Topics.CallIngested, (m, i) => r.calls(m, i));
    this.register(Topics.EvaluationScored, (m, i) => r.scored(m, i));
    this.register(Topics.EvaluationReviewed, (m, i) => r.reviewed(m, i));
    this.register(Topics.ComplaintOpened, (m, i) => r.opened(m, i));
    this.register(Topics.ComplaintTransitioned, (m, i) => r.transitioned(m, i));
    this.register(Topics.ComplaintSlaBreached, (m, i) => r.breached(m, i));
    this.register(Topics.CallbackScheduled, (m, i) => r.callbackScheduled(m, i));
    this.register(Topics.CallbackCompleted, (m, i) => r.callbackCompleted(m, i));
  }

  private register<K extends EventTopic>(
    topic: K,
    apply: (m: EntityManager, items: Incoming<EventMap[K]>[]) => Promise<void>,
  ): void {
    const validate = VALIDATORS[topic] as ((e: EventMap[K]) => string[]) | undefined;
    this.host.onBatch(
      topic,
      async (items: ReadonlyArray<BatchItem<EventMap[K]>>, ctx) => {
        if (items.length)
          await apply(
            ctx.manager,
            items.map(({ event, meta }) => ({ event, meta })),
          );
      },
      validate,
    );
  }
}
