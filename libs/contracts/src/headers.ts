/** Kafka header names carried by every event (DESIGN.md, "Event contract rules"). */
export const EventHeader = {
  EventId: 'event-id',
  EventType: 'event-type',
  SchemaVersion: 'schema-version',
  OccurredAt: 'occurred-at',
  TenantId: 'tenant-id',
  TraceId: 'trace-id',
} as const;

/** Extra headers on a dead-lettered message. */
export const DlqHeader = {
  Reason: 'dlq-reason',
  OriginalTopic: 'dlq-original-topic',
  OriginalPartition: 'dlq-original-partition',
  OriginalOffset: 'dlq-original-offset',
  FailedAt: 'dlq-failed-at',
  Consumer: 'dlq-consumer',
  /** Times the handler ran it: 0 when it was refused before (headers, decoding, validation). */
  Attempts: 'dlq-attempts',
} as const;

export interface EventMeta {
  eventId: string;
  eventType: string;
  schemaVersion: string;
  occurredAt: string;
  tenantId: string;
  traceId: string;
}
