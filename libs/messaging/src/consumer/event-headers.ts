import { createHash } from 'node:crypto';
import { EventHeader, EventMeta, isInstant, parseTraceparent } from '@qa/contracts';
import { IHeaders, KafkaMessage } from 'kafkajs';

export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const v = headers?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  if (first === undefined) return undefined;
  return typeof first === 'string' ? first : first.toString('utf8');
}

/** The event's trace context: its `traceparent`, else (older events) its `trace-id` label. */
function traceOf(headers: IHeaders | undefined): string {
  const parent = headerText(headers, EventHeader.Traceparent);
  if (parent && parseTraceparent(parent)) return parent;
  return headerText(headers, EventHeader.TraceId) ?? '';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the standard headers; returns the reason when a required one is missing or bad. */
export function readEventMeta(headers: IHeaders | undefined, topic: string): EventMeta | string {
  const eventId = headerText(headers, EventHeader.EventId);
  if (!eventId || !UUID.test(eventId)) return `missing or invalid ${EventHeader.EventId} header`;
  const eventType = headerText(headers, EventHeader.EventType) ?? topic;
  if (eventType !== topic)
    return `${EventHeader.EventType} ${eventType} does not match topic ${topic}`;
  // Consumers store it (kpi's scored and reviewed times): an empty or malformed one failed in
  // the handler, five times, before it was dead-lettered.
  const occurredAt = headerText(headers, EventHeader.OccurredAt) ?? '';
  if (!isInstant(occurredAt)) return `missing or invalid ${EventHeader.OccurredAt} header`;
  return {
    eventId,
    eventType,
    schemaVersion: headerText(headers, EventHeader.SchemaVersion) ?? '1',
    occurredAt,
    tenantId: headerText(headers, EventHeader.TenantId) ?? '',
    traceId: traceOf(headers),
  };
}

/**
 * For a raw topic's message without our headers: its id is the record itself — log position,
 * timestamp and a digest of its value. Position alone is not enough: a rebuilt broker or a
 * recreated topic starts again at offset 0, and the inbox would take new records for ones it
 * has already handled and silently skip them. A redelivered record keeps all three.
 */
export function rawEventMeta(
  topic: string,
  partition: number,
  message: Pick<KafkaMessage, 'offset' | 'timestamp' | 'value'> &
    Partial<Pick<KafkaMessage, 'headers'>>,
): EventMeta {
  const digest = createHash('sha256')
    .update(message.value ?? '')
    .digest('hex')
    .slice(0, 16);
  const ms = Number(message.timestamp);
  return {
    eventId: `${topic}/${partition}/${message.offset}/${message.timestamp}/${digest}`,
    eventType: topic,
    schemaVersion: '1',
    occurredAt: Number.isFinite(ms) ? new Date(ms).toISOString() : '',
    // The tenant an outside producer names, so the consumer can hold the record to it.
    tenantId: headerText(message.headers, EventHeader.TenantId) ?? '',
    traceId: traceOf(message.headers),
  };
}
