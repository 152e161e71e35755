import { timingSafeEqual } from 'node:crypto';
import { Controller, ForbiddenException, Get, Header, Inject, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Public } from '../identity/identity.guard';
import { Metrics, METRICS_TOKEN } from './metrics';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics in Prometheus text format. With METRICS_TOKEN set, a scraper sends it as a bearer
 * token; without, only callers on this machine are answered (the gateway's port is public).
 */
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    @Inject(METRICS_TOKEN) private readonly token: string | undefined,
  ) {}

  @Get()
  @Public()
  @Header('Cache-Control', 'no-store')
  async scrape(@Req() req: Request): Promise<string> {
    const auth = req.headers.authorization ?? '';
    const allowed = this.token
      ? auth.startsWith('Bearer ') && sameToken(auth.slice(7), this.token)
      : LOOPBACK.has(req.socket.remoteAddress ?? '') && !req.headers['x-forwarded-for'];
    if (!allowed) throw new ForbiddenException('metrics need the METRICS_TOKEN bearer token');
    req.res?.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
