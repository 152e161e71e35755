import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { contextOfTraceparent } from '@qa/contracts';

/**
 * A consumer span around one BullMQ job, in the trace of the `traceId` its data carries (a
 * re-score started over HTTP) or a trace of its own (a timer); what the job writes and logs runs in it.
 */
export async function traceJob<T>(
  queue: string,
  job: { id?: string; data: unknown },
  work: () => Promise<T>,
): Promise<T> {
  const given = (job.data as { traceId?: unknown } | undefined)?.traceId;
  const parent = contextOfTraceparent(typeof given === 'string' ? given : undefined);
  const span = trace
    .getTracer(`qa.jobs`)
    .startSpan(`process ${queue}`, { kind: SpanKind.CONSUMER }, parent);
  if (span.isRecording()) span.setAttributes({ 'qa.queue': queue, 'qa.job_id': job.id ?? '' });
  try {
    return await context.with(trace.setSpan(parent, span), work);
  } catch (err) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    throw err;
  } finally {
    span.end();
  }
}
