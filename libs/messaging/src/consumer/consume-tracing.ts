import { Context, ROOT_CONTEXT, Span, SpanKind, trace, Tracer } from '@opentelemetry/api';
import { contextOfTraceparent, EventMeta, parseTraceparent } from '@qa/contracts';

const processing = (topic: string, partition: number) => ({
  'messaging.system': 'kafka',
  'messaging.operation.type': 'process',
  'messaging.destination.name': topic,
  'messaging.destination.partition.id': String(partition),
});

/**
 * A consumer span for one event, child of the span that sent it (W3C `traceparent` header). An
 * event from before tracing starts a trace of its own; its old `trace-id` label becomes an
 * attribute. Attributes are set only on a recording span: with export off this is an id or two.
 */
export function startProcessSpan(
  tracer: Tracer,
  topic: string,
  partition: number,
  offset: string,
  meta: EventMeta,
): Span {
  const span = tracer.startSpan(
    `process ${topic}`,
    { kind: SpanKind.CONSUMER },
    contextOfTraceparent(meta.traceId),
  );
  if (span.isRecording()) {
    span.setAttributes({
      ...processing(topic, partition),
      'messaging.kafka.offset': Number(offset),
      'messaging.message.id': meta.eventId,
    });
    if (meta.traceId && !parseTraceparent(meta.traceId))
      span.setAttribute('qa.trace_label', meta.traceId);
  }
  return span;
}

/** A span over a chunk's transaction: its own trace, linked to each event's span. */
export function startChunkSpan(
  tracer: Tracer,
  topic: string,
  partition: number,
  events: Span[],
): Span {
  const span = tracer.startSpan(`process ${topic}`, { kind: SpanKind.CONSUMER, root: true });
  if (span.isRecording()) {
    span.setAttributes({
      ...processing(topic, partition),
      'messaging.batch.message_count': events.length,
    });
    span.addLinks(events.map((e) => ({ context: e.spanContext() })));
  }
  return span;
}

/** The context in which a span's work runs (its log lines carry its ids). */
export const contextOfSpan = (span: Span): Context => trace.setSpan(ROOT_CONTEXT, span);
