import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import {
  Codecs,
  EventHeader,
  EventMap,
  EventTopic,
  parseTraceparent,
  SCHEMA_VERSION,
  traceparentOf,
} from '@qa/contracts';
import { EntityManager } from 'typeorm';
import { OutboxRelay } from './outbox.relay';
import { NewOutboxRow, OutboxRepository } from './outbox.repository';

export interface OutgoingEvent<K extends EventTopic> {
  topic: K;
  /** The aggregate id (call id, ticket id): orders events per aggregate. */
  key: string;
  payload: EventMap[K];
  tenantId: string;
  /** The cause's `traceparent` (EventMeta.traceId, @TraceId()); another label falls back to the active span. */
  traceId: string;
  occurredAt?: string;
  eventId?: string;
}

/** Records events in the caller's transaction; the relay publishes them after commit. */
@Injectable()
export class OutboxService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly relay: OutboxRelay,
  ) {}

  async add<K extends EventTopic>(
    manager: EntityManager,
    events: OutgoingEvent<K>[],
  ): Promise<string[]> {
    const rows = this.rowsOf(events);
    await this.outbox.insert(manager, rows);
    return rows.map((r) => r.eventId);
  }

  /**
   * The events as an INSERT to run inside the writer's own statement, as a data-modifying CTE
   * (`WITH written AS (…), events AS (<sql>) …`): only events whose key the CTE `keysFrom` returns
   * in its column `key` are recorded. The state change and its events then cost one round trip.
   * Parameters are numbered from `$firstParam`.
   */
  insertForKeys<K extends EventTopic>(
    events: OutgoingEvent<K>[],
    keysFrom: string,
    firstParam: number,
  ): { sql: string; params: unknown[] } {
    return this.outbox.insertForKeys(this.rowsOf(events), keysFrom, firstParam);
  }

  private rowsOf<K extends EventTopic>(events: OutgoingEvent<K>[]): NewOutboxRow[] {
    return events.map((e) => {
      if (!e.key) throw new Error(`event on ${e.topic} needs a key`);
      const eventId = e.eventId ?? randomUUID();
      return {
        eventId,
        topic: e.topic,
        key: e.key,
        payload: Buffer.from(Codecs[e.topic].encode(e.payload).finish()),
        headers: {
          [EventHeader.EventId]: eventId,
          [EventHeader.EventType]: e.topic,
          [EventHeader.SchemaVersion]: SCHEMA_VERSION,
          [EventHeader.OccurredAt]: e.occurredAt ?? new Date().toISOString(),
          [EventHeader.TenantId]: e.tenantId,
          ...traceHeaders(e.traceId),
        },
      };
    });
  }

  /** Hint that new rows may be committed: shortens the relay's wait (it polls regardless). */
  wake(): void {
    this.relay.wake();
  }
}

/**
 * `trace-id` and `traceparent` for an event. The row keeps them, so the relay publishes it in its
 * cause's trace however late it runs.
 */
export function traceHeaders(traceId: string): Record<string, string> {
  const given = parseTraceparent(traceId);
  const sc = given ?? trace.getActiveSpan()?.spanContext();
  if (!sc || !isSpanContextValid(sc)) return { [EventHeader.TraceId]: traceId };
  return { [EventHeader.TraceId]: sc.traceId, [EventHeader.Traceparent]: traceparentOf(sc) };
}
