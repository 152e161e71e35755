import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Identity } from '@qa/platform';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { KpiScope, SCOPES } from '../kpis/domain/kpi-query';
import { KpiWindow, WINDOWS } from '../kpis/domain/time-buckets';
import { KpiError } from '../kpis/kpis.errors';
import { KpisService } from '../kpis/kpis.service';
import { KpiUpdateRow, KpiUpdatesRepository, StreamFilter } from './kpi-updates.repository';
import { StreamHub } from './stream.hub';

const BACKLOG_PAGE = 1000;

export function sseEvent(row: KpiUpdateRow): string {
  const data = {
    scope: row.scope,
    id: row.scope_id,
    window: row.window,
    bucketStart: new Date(row.bucket_start).toISOString(),
    values: row.values,
  };
  return `event: kpi\nid: ${row.id}\ndata: ${JSON.stringify(data)}\n\n`;
}

function parse(query: Record<string, unknown>, lastEventId: string | undefined) {
  const errors: { path: string; message: string }[] = [];
  for (const k of Object.keys(query))
    if (!['scope', 'id', 'window', 'lastEventId'].includes(k))
      errors.push({ path: k, message: `unknown parameter ${k}` });
  const scope = query.scope as string | undefined;
  if (scope !== undefined && !(SCOPES as readonly string[]).includes(scope))
    errors.push({ path: 'scope', message: `scope must be one of ${SCOPES.join(', ')}` });
  const window = query.window as string | undefined;
  if (window !== undefined && !(WINDOWS as readonly string[]).includes(window))
    errors.push({ path: 'window', message: `window must be one of ${WINDOWS.join(', ')}` });
  const id = typeof query.id === 'string' ? query.id : undefined;
  // EventSource resends the header; a fetch-based client may pass it in the query instead.
  const resume = lastEventId ?? (query.lastEventId as string | undefined);
  if (resume !== undefined && !/^\d{1,18}$/.test(resume))
    errors.push({ path: 'Last-Event-ID', message: 'must be an id this stream sent' });
  if (errors.length) throw KpiError.badQuery(errors);
  return {
    scope: scope as KpiScope | undefined,
    id,
    window: window as KpiWindow | undefined,
    resume,
  };
}

/**
 * Server-Sent Events of one scope: the updates missed since Last-Event-ID first (from the stored
 * sequence, so a resume after a restart has no gap), then live ones, with heartbeats.
 */
@Injectable()
export class StreamService {
  private readonly heartbeatMs: number;

  constructor(
    config: ConfigService,
    private readonly dataSource: DataSource,
    private readonly updates: KpiUpdatesRepository,
    private readonly hub: StreamHub,
    private readonly kpis: KpisService,
  ) {
    this.heartbeatMs = config.getOrThrow<number>('KPI_HEARTBEAT_MS');
  }

  async open(
    identity: Identity,
    query: Record<string, unknown>,
    lastEventId: string | undefined,
    res: Response,
  ): Promise<void> {
    const q = parse(query, lastEventId);
    const scope = await this.kpis.resolveScope(identity, q.scope, q.id);
    const filter: StreamFilter = {
      tenantId: scope.tenantId,
      scope: scope.scope,
      scopeId: scope.id,
      window: q.window,
    };
    res.status(200).set({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.flushHeaders();
    res.write(`retry: 2000\n: stream of ${scope.scope} ${scope.id}\n\n`);

    // Live rows wait while the backlog is read; ids already sent are skipped, so none is sent twice.
    let last = BigInt(q.resume ?? this.hub.position());
    let queue: KpiUpdateRow[] | null = [];
    const send = (row: KpiUpdateRow) => {
      if (BigInt(row.id) <= last) return;
      last = BigInt(row.id);
      res.write(sseEvent(row));
    };
    const unsubscribe = this.hub.subscribe({
      filter,
      send: (row) => (queue ? queue.push(row) : send(row)),
      end: () => res.end(),
    });
    const heartbeat = setInterval(
      () => res.write(`: heartbeat ${Date.now()}\n\n`),
      this.heartbeatMs,
    );
    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
    try {
      if (q.resume !== undefined) {
        for (;;) {
          const rows = await this.updates.missed(
            this.dataSource.manager,
            filter,
            String(last),
            BACKLOG_PAGE,
          );
          rows.forEach(send);
          if (rows.length < BACKLOG_PAGE) break;
        }
      }
    } finally {
      const pending = queue;
      queue = null;
      pending.forEach(send);
    }
  }
}
