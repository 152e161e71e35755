import { trace, TraceFlags } from '@opentelemetry/api';
import {
  contextOfTraceparent,
  isSampledTraceparent,
  parseTraceparent,
  traceparentOf,
} from './trace-context';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const SPAN = 'b7ad6b7169203331';

describe(parseTraceparent.name, () => {
  it('reads version 00 and keeps only the sampled flag', () => {
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-01`)).toEqual({
      traceId: TRACE,
      spanId: SPAN,
      traceFlags: TraceFlags.SAMPLED,
      isRemote: true,
    });
    expect(parseTraceparent(`00-${TRACE}-${SPAN}-fe`)?.traceFlags).toBe(TraceFlags.NONE);
  });

  it('accepts a later version with more fields, as the W3C spec asks', () => {
    expect(parseTraceparent(`01-${TRACE}-${SPAN}-01-what-comes-next`)?.spanId).toBe(SPAN);
  });

  it.each([
    ['empty', ''],
    ['an old request id', '7092b899-d088-4563-8051-d2b804b0c322'],
    ['version ff', `ff-${TRACE}-${SPAN}-01`],
    ['00 with extra fields', `00-${TRACE}-${SPAN}-01-x`],
    ['an all-zero trace id', `00-${'0'.repeat(32)}-${SPAN}-01`],
    ['an all-zero span id', `00-${TRACE}-${'0'.repeat(16)}-01`],
    ['upper case', `00-${TRACE.toUpperCase()}-${SPAN}-01`],
    ['a short span id', `00-${TRACE}-${SPAN.slice(1)}-01`],
  ])('refuses %s', (_, value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });
});

describe(traceparentOf.name, () => {
  it('writes what parseTraceparent reads', () => {
    const value = `00-${TRACE}-${SPAN}-01`;
    expect(traceparentOf(parseTraceparent(value)!)).toBe(value);
    expect(traceparentOf({ traceId: TRACE, spanId: SPAN, traceFlags: 0 })).toBe(
      `00-${TRACE}-${SPAN}-00`,
    );
  });

  it('is empty for an invalid span (no tracer provider installed)', () => {
    expect(traceparentOf(trace.getTracer('t').startSpan('s'))).toBe('');
  });
});

describe(contextOfTraceparent.name, () => {
  it('parents on the remote span, or on nothing', () => {
    expect(trace.getSpanContext(contextOfTraceparent(`00-${TRACE}-${SPAN}-01`))?.spanId).toBe(SPAN);
    expect(trace.getSpanContext(contextOfTraceparent('trace-1'))).toBeUndefined();
  });

  it('tells a sampled context from one that is not', () => {
    expect(isSampledTraceparent(`00-${TRACE}-${SPAN}-01`)).toBe(true);
    expect(isSampledTraceparent(`00-${TRACE}-${SPAN}-00`)).toBe(false);
    expect(isSampledTraceparent(undefined)).toBe(false);
  });
});
