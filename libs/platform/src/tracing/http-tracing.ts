import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { contextOfTraceparent } from '@qa/contracts';
import type { NextFunction, Request, Response } from 'express';

/** Probes and scrapes would only fill a trace backend with noise. */
const UNTRACED = new Set(['/health', '/metrics']);

/**
 * A server span per request, child of the caller's `traceparent` (the gateway's forward span, or
 * a client's). The request and response are bound to its context, so body parsing, handlers and
 * the access log line all run in it.
 */
export function httpTracing(service: string) {
  const tracer = trace.getTracer(`qa.${service}`);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (UNTRACED.has(req.path)) return next();
    const header = req.headers.traceparent;
    const parent = contextOfTraceparent(typeof header === 'string' ? header : undefined);
    const span = tracer.startSpan(req.method, { kind: SpanKind.SERVER }, parent);
    const ctx = trace.setSpan(parent, span);
    context.bind(ctx, req);
    context.bind(ctx, res);
    res.once('close', () => {
      if (span.isRecording()) {
        const route = (req.route as { path?: string } | undefined)?.path;
        if (route) span.updateName(`${req.method} ${req.baseUrl}${route}`);
        span.setAttributes({
          'http.request.method': req.method,
          'url.path': req.path,
          'http.response.status_code': res.statusCode,
          ...(route ? { 'http.route': `${req.baseUrl}${route}` } : {}),
        });
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    });
    context.with(ctx, next);
  };
}
