import { Agent, request as httpRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { traceparentOf } from '@qa/contracts';
import {
  CLIENT_IDLE_MS,
  IDENTITY_HEADER,
  IDENTITY_SIGNATURE_HEADER,
  Identity,
  PROBLEM_JSON,
  ProblemDetails,
  REQUEST_ID_HEADER,
  signIdentity,
} from '@qa/platform';
import type { NextFunction, Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { allows, Downstream, ForwardRoute, matchRoute } from './forward-routes';
import { assignRequestId } from './request-id';

/** Never passed on in either direction: connection-scoped, or credentials only the gateway reads. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'authorization',
  'cookie',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
  IDENTITY_HEADER,
  IDENTITY_SIGNATURE_HEADER,
  // No framework banner leaves the platform, whatever a service sends.
  'x-powered-by',
]);

const tracer = trace.getTracer('qa.gateway');

/**
 * Connections to the services are kept and reused: no TCP handshake per forwarded request. As many
 * stay idle as a backlog has in flight (the load generator's 256 and more), so a burst does not
 * close and reopen them; an idle one is dropped after CLIENT_IDLE_MS, before the service would.
 */
const keepAlive = {
  keepAlive: true,
  keepAliveMsecs: 10_000,
  maxFreeSockets: 512,
  scheduling: 'lifo' as const,
  timeout: CLIENT_IDLE_MS,
};
export const UPSTREAM_AGENTS = {
  'http:': new Agent(keepAlive),
  'https:': new HttpsAgent(keepAlive),
};

/** How long a service may take to start answering (SSE streams answer at once, then stay open). */
const HEADERS_TIMEOUT_MS = 120_000;

function problem(res: Response, status: number, title: string, detail: string): void {
  const body: ProblemDetails = { type: 'about:blank', title, status, detail };
  res.status(status).type(PROBLEM_JSON).send(JSON.stringify(body));
}

/** Authenticates, authorises by the route table, and streams the request to the owning service. */
@Injectable()
export class ProxyService {
  private readonly logger = new Logger(ProxyService.name);
  private readonly targets: Record<Downstream, URL>;
  private readonly secret: string;

  constructor(
    config: ConfigService,
    private readonly auth: AuthService,
  ) {
    this.secret = config.getOrThrow<string>('INTERNAL_SECRET');
    this.targets = {
      ingestion: new URL(config.getOrThrow<string>('INGESTION_URL')),
      scoring: new URL(config.getOrThrow<string>('SCORING_URL')),
      complaints: new URL(config.getOrThrow<string>('COMPLAINTS_URL')),
      kpi: new URL(config.getOrThrow<string>('KPI_URL')),
      coaching: new URL(config.getOrThrow<string>('COACHING_URL')),
    };
  }

  /** Express middleware for /api/v1/*; routes the gateway serves itself fall through. */
  readonly handle = (req: Request, res: Response, next: NextFunction): void => {
    const route = matchRoute(req.originalUrl);
    if (!route) return next();
    const requestId = assignRequestId(req, res);
    const header = req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    (token ? this.auth.identityFromToken(token) : Promise.resolve(null)).then(
      (identity) => {
        if (!identity) return problem(res, 401, 'Unauthorized', 'Missing or invalid access token.');
        if (!allows(route, req.method, identity.role)) {
          return problem(
            res,
            403,
            'Forbidden',
            `Role ${identity.role} may not ${req.method} ${route.prefix}.`,
          );
        }
        this.forward(req, res, route, identity, requestId);
      },
      (err: unknown) => {
        // The token's revocation could not be checked (database down): refuse, come back later.
        this.logger.warn({ requestId, err: (err as Error).message }, 'token check failed');
        res.setHeader('retry-after', '5');
        problem(res, 503, 'Service unavailable', 'Sign-in cannot be checked; try again shortly.');
      },
    );
  };

  private forward(
    req: Request,
    res: Response,
    route: ForwardRoute,
    identity: Identity,
    requestId: string,
  ): void {
    const service = route.service;
    const target = this.targets[service];
    const started = Date.now();
    const headers: IncomingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k)) headers[k] = v;
    // The service's server span is a child of this one, not of whatever the client sent.
    trace.getActiveSpan()?.updateName(`${req.method} ${route.prefix}`);
    const span = tracer.startSpan(`forward ${service}`, { kind: SpanKind.CLIENT });
    delete headers.tracestate;
    headers.traceparent = traceparentOf(span) || undefined;
    const signed = signIdentity(identity, this.secret, {
      method: req.method,
      path: req.originalUrl,
    });
    Object.assign(headers, signed, {
      [REQUEST_ID_HEADER]: requestId,
      'x-forwarded-for': req.socket.remoteAddress ?? '',
      'x-forwarded-proto': req.protocol,
    });
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(
      {
        protocol: target.protocol,
        hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: target.port,
        method: req.method,
        path: req.originalUrl,
        headers,
        agent: target.protocol === 'https:' ? UPSTREAM_AGENTS['https:'] : UPSTREAM_AGENTS['http:'],
      },
      (up: IncomingMessage) => {
        clearTimeout(timer);
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(up.headers))
          if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
        res.writeHead(up.statusCode ?? 502, out);
        res.flushHeaders();
        // A service that dies mid-answer must not leave the client waiting for the rest.
        up.on('error', () => res.destroy());
        up.pipe(res);
      },
    );
    const timer = setTimeout(
      () => upstream.destroy(new Error(`no answer within ${HEADERS_TIMEOUT_MS} ms`)),
      HEADERS_TIMEOUT_MS,
    );
    upstream.on('error', (err) => {
      clearTimeout(timer);
      this.logger.warn({ service, requestId, err: err.message }, 'downstream unreachable');
      if (!res.headersSent)
        problem(res, 503, 'Service unavailable', `The ${service} service is not reachable.`);
      else res.destroy(err);
    });
    // The client left (or an SSE tab closed): stop the upstream request instead of leaking it.
    res.on('close', () => {
      clearTimeout(timer);
      if (!res.writableFinished) upstream.destroy();
      if (span.isRecording()) {
        span.setAttributes({
          'server.address': target.hostname,
          'http.request.method': req.method,
          'http.response.status_code': res.statusCode,
        });
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
      // Every request is the hot path: a success at debug, what went wrong at info.
      const quiet = res.writableFinished && res.statusCode < 400;
      this.logger[quiet ? 'debug' : 'log'](
        {
          requestId,
          service,
          method: req.method,
          route: route.prefix,
          status: res.statusCode,
          ms: Date.now() - started,
          complete: res.writableFinished,
        },
        'forwarded',
      );
    });
    req.pipe(upstream);
  }
}
