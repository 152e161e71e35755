/** Kafka header names carried by every event (DESIGN.md, "Event contract rules"). */
export const EventHeader = {
  EventId: 'event-id',
  EventType: 'event-type',
  SchemaVersion: 'schema-version',
  OccurredAt: 'occurred-at',
  TenantId: 'tenant-id',
  /** The trace id (32 hex digits; older events: the request id or another label). */
  TraceId: 'trace-id',
  /** W3C trace context of the span that sent the event; old events lack it. */
  Traceparent: 'traceparent',
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
  /**
   * Where the event sits in its trace: the W3C `traceparent` of the span handling it (the
   * consumer's span on arrival; an HTTP request's span when a controller writes it). Passed on
   * unchanged to the events it causes, so they join the same trace. An event from before
   * tracing, or from an outside producer, may hold any label its `trace-id` header held.
   */
  traceId: string;
}
