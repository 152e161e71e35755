import { request as httpRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  IDENTITY_HEADER,
  IDENTITY_SIGNATURE_HEADER,
  Identity,
  PROBLEM_JSON,
  ProblemDetails,
  signIdentity,
} from '@qa/platform';
import type { NextFunction, Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { Downstream, matchRoute, Method } from './forward-routes';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'authorization',
  IDENTITY_HEADER,
  IDENTITY_SIGNATURE_HEADER,
]);

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
    };
  }

  /** Express middleware for /api/v1/*; routes the gateway serves itself fall through. */
  readonly handle = (req: Request, res: Response, next: NextFunction): void => {
    const route = matchRoute(req.originalUrl);
    if (!route) return next();
    const header = req.header('authorization') ?? '';
    const identity = header.startsWith('Bearer ')
      ? this.auth.identityFromToken(header.slice(7))
      : null;
    if (!identity) return problem(res, 401, 'Unauthorized', 'Missing or invalid access token.');
    const allowed = route.roles[req.method as Method];
    if (!allowed?.includes(identity.role)) {
      return problem(
        res,
        403,
        'Forbidden',
        `Role ${identity.role} may not ${req.method} ${route.prefix}.`,
      );
    }
    this.forward(req, res, route.service, identity);
  };

  private forward(req: Request, res: Response, service: Downstream, identity: Identity): void {
    const target = this.targets[service];
    const headers: IncomingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k)) headers[k] = v;
    Object.assign(headers, signIdentity(identity, this.secret), {
      'x-request-id': String((req as Request & { id?: unknown }).id ?? ''),
      'x-forwarded-for': req.ip ?? '',
    });
    const upstream = httpRequest(
      {
        protocol: target.protocol,
        hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: target.port,
        method: req.method,
        path: req.originalUrl,
        headers,
      },
      (up: IncomingMessage) => {
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(up.headers))
          if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
        res.writeHead(up.statusCode ?? 502, out);
        up.pipe(res);
      },
    );
    upstream.on('error', (err) => {
      this.logger.warn({ service, err: err.message }, 'downstream unreachable');
      if (!res.headersSent)
        problem(res, 503, 'Service unavailable', `The ${service} service is not reachable.`);
      else res.destroy(err);
    });
    req.on('aborted', () => upstream.destroy());
    req.pipe(upstream);
  }
}
