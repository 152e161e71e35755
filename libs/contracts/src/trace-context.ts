import {
  Context,
  isSpanContextValid,
  ROOT_CONTEXT,
  Span,
  SpanContext,
  trace,
  TraceFlags,
} from '@opentelemetry/api';

/** W3C trace context, version 00 (later versions may append fields, which are ignored). */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/** The span context a `traceparent` names, or undefined when it is not one. */
export function parseTraceparent(value: string | undefined): SpanContext | undefined {
  const m = value ? TRACEPARENT.exec(value) : null;
  if (!m || m[1] === 'ff' || (m[1] === '00' && m[5] !== undefined)) return undefined;
  const sc: SpanContext = {
    traceId: m[2],
    spanId: m[3],
    traceFlags: parseInt(m[4], 16) & TraceFlags.SAMPLED,
    isRemote: true,
  };
  return isSpanContextValid(sc) ? sc : undefined;
}

/** The `traceparent` of a span (or span context); '' for an invalid one (no tracer provider). */
export function traceparentOf(of: Span | SpanContext): string {
  const sc = 'spanContext' in of ? of.spanContext() : of;
  if (!isSpanContextValid(sc)) return '';
  const flags = (sc.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED ? '01' : '00';
  return `00-${sc.traceId}-${sc.spanId}-${flags}`;
}

/** A context whose parent is the remote span a `traceparent` names (else the root context). */
export function contextOfTraceparent(value: string | undefined): Context {
  const sc = parseTraceparent(value);
  return sc ? trace.setSpanContext(ROOT_CONTEXT, sc) : ROOT_CONTEXT;
}

/** True when a `traceparent` asks for its children to be recorded. */
export function isSampledTraceparent(value: string | undefined): boolean {
  const sc = parseTraceparent(value);
  return sc !== undefined && (sc.traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED;
}
