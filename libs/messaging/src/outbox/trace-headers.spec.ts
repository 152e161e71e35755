import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { EventHeader } from '@qa/contracts';
import { traceHeaders } from './outbox.service';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const PARENT = `00-${TRACE}-b7ad6b7169203331-01`;

describe(traceHeaders.name, () => {
  // The context manager that makes context.with() hold across calls.
  beforeAll(() => new NodeTracerProvider().register());
  it('keeps the cause’s traceparent and its trace id', () => {
    expect(traceHeaders(PARENT)).toEqual({
      [EventHeader.TraceId]: TRACE,
      [EventHeader.Traceparent]: PARENT,
    });
  });

  it('falls back to the active span when given a label', () => {
    const active = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: 'a'.repeat(32),
      spanId: 'c'.repeat(16),
      traceFlags: 1,
    });
    expect(context.with(active, () => traceHeaders('kpi-aggregator'))).toEqual({
      [EventHeader.TraceId]: 'a'.repeat(32),
      [EventHeader.Traceparent]: `00-${'a'.repeat(32)}-${'c'.repeat(16)}-01`,
    });
  });

  it('keeps a label as the old trace-id header when nothing is traced', () => {
    expect(traceHeaders('sla:t-1')).toEqual({ [EventHeader.TraceId]: 'sla:t-1' });
  });
});
