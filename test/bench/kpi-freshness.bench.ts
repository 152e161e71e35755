import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { get as httpGet, IncomingMessage, request } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { createService, Identity, signIdentity } from '@qa/platform';
import { DataSource } from 'typeorm';
import { seededCalls } from './transcripts';

export interface PostedCall {
  /** When the POST was sent (ms). */
  sentAt: number;
  /** Start of the minute bucket the call counts in (ms). */
  bucket: number;
  /** False once the POST was refused: the call never counts, so it takes no rank in its minute. */
  accepted?: boolean;
}

export interface StreamedUpdate {
  receivedAt: number;
  bucket: number;
  calls: number;
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null;

/**
 * Ingest → SSE freshness per call. Updates are coalesced, so a call is taken as visible at the first
 * streamed update of its minute whose call count reaches the call's rank in that minute (the
 * n-th call posted in a minute is seen once the minute shows n calls).
 */
export function freshness(posted: PostedCall[], updates: StreamedUpdate[]) {
  const counted = posted.filter((p) => p.accepted !== false);
  const seen = seenAt(counted, updates);
  const latencies = [...seen].map(([p, at]) => at - p.sentAt).sort((a, b) => a - b);
  return {
    calls: counted.length,
    seen: latencies.length,
    unseen: counted.length - latencies.length,
    p50Ms: pct(latencies, 50),
    p99Ms: pct(latencies, 99),
  };
}

/** When each accepted call was first seen in the stream (freshness()'s rule); unseen ones absent. */
export function seenAt<T extends PostedCall>(
  posted: T[],
  updates: StreamedUpdate[],
): Map<T, number> {
  const rank = new Map<number, number>();
  const out = new Map<T, number>();
  const counted = posted.filter((p) => p.accepted !== false);
  for (const p of counted.sort((a, b) => a.sentAt - b.sentAt)) {
    const n = (rank.get(p.bucket) ?? 0) + 1;
    rank.set(p.bucket, n);
    const seen = updates.find(
      (u) => u.bucket === p.bucket && u.calls >= n && u.receivedAt >= p.sentAt,
    );
    if (seen) out.set(p, seen.receivedAt);
  }
  return out;
}

/**
 * The generated call moved so that it ended at `endedAt` (ms), keeping its ringing, talk time and
 * segment offsets: ingestion refuses a call whose segments run past its end.
 */
export function endingAt<
  T extends { startedAt: string; answeredAt?: string | null; endedAt: string },
>(call: T, endedAt: number): T {
  const shift = endedAt - Date.parse(call.endedAt);
  const at = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();
  return {
    ...call,
    startedAt: at(call.startedAt),
    answeredAt: call.answeredAt ? at(call.answeredAt) : call.answeredAt,
    endedAt: at(call.endedAt),
  };
}

/** The start of the minute a call counts in (its start; minutes are whole in every zone we use). */
export const minuteOf = (startedAt: string) => Math.floor(Date.parse(startedAt) / 60_000) * 60_000;

/**
 * What a run shows when it saw nothing: a figure of 0 would read as "fast" or "idle", so the
 * result carries the reason instead and `npm run bench` exits non-zero.
 */
export function freshnessError(r: {
  posted: number;
  rejected: number;
  seen: number;
  streamStatus: number | null;
}): string | null {
  if (r.streamStatus !== 200) return `the KPI stream answered ${r.streamStatus ?? 'nothing'}`;
  if (r.rejected > 0) return `${r.rejected} of ${r.posted} calls were not accepted`;
  if (r.seen === 0) return `no streamed KPI update showed any of the ${r.posted} calls`;
  return null;
}

/** Parses a KPI SSE stream's chunks into `updates`, each stamped when its chunk arrived. */
export function kpiUpdateReader(updates: StreamedUpdate[]): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    const now = Date.now();
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const data = /\ndata: (.*)/.exec(`\n${buffer.slice(0, end)}`)?.[1];
      buffer = buffer.slice(end + 2);
      if (!data) continue;
      const u = JSON.parse(data) as { bucketStart: string; values: { calls: number } };
      updates.push({ receivedAt: now, bucket: Date.parse(u.bucketStart), calls: u.values.calls });
    }
  };
}

function signed(identity: Identity, method: string, path: string) {
  return signIdentity(identity, process.env.INTERNAL_SECRET ?? '', { method, path });
}

/**
 * HTTP ingest → outbox → Kafka → kpi facts → aggregation → SSE, on the real servers in-process,
 * at a fixed rate: how fresh the streamed tenant figures are, and the KPI consumer's rate.
 */
export async function runKpiFreshnessBench(opts: { calls?: number; ratePerSecond?: number } = {}) {
  const total = opts.calls ?? 2000;
  const rate = opts.ratePerSecond ?? 200;
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/qa_test';
  process.env.LOG_LEVEL ??= 'error';
  process.env.PORT ??= '0';
  const apps: INestApplication[] = [];
  let stream: IncomingMessage | undefined;
  let streamStatus: number | null = null;
  try {
    const { AppModule: Ingestion } = await import('../../apps/ingestion/src/app.module');
    const { ingestionServiceOptions } = await import('../../apps/ingestion/src/ingestion.options');
    const { AppModule: Kpi } = await import('../../apps/kpi/src/app.module');
    const { kpiServiceOptions } = await import('../../apps/kpi/src/kpi.options');
    const ingestion = await createService(Ingestion, ingestionServiceOptions);
    apps.push(ingestion);
    await ingestion.listen(0);
    const kpi = await createService(Kpi, kpiServiceOptions);
    apps.push(kpi);
    await kpi.listen(0);
    const portOf = (a: INestApplication) => (a.getHttpServer().address() as { port: number }).port;
    const tenantId = `kbench-${randomUUID().slice(0, 8)}`;
    const ops: Identity = { userId: 'bench', username: 'bench', role: 'ops', tenantId };
    const qa: Identity = { ...ops, role: 'qa' };

    const updates: StreamedUpdate[] = [];
    const path = '/api/v1/kpis/stream?scope=tenant&window=minute';
    await new Promise<void>((resolve, reject) => {
      const req = httpGet(
        { host: '127.0.0.1', port: portOf(kpi), path, headers: signed(ops, 'GET', path) },
        (res) => {
          stream = res;
          streamStatus = res.statusCode ?? null;
          res.setEncoding('utf8');
          res.on('data', kpiUpdateReader(updates));
          resolve();
        },
      );
      req.on('error', reject);
    });

    const next = seededCalls(11, tenantId);
    const posted: PostedCall[] = [];
    let rejected = 0;
    const inflight: Promise<void>[] = [];
    const start = Date.now();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
      const sentAt = Date.now();
      const call = endingAt(next(i), sentAt - 1000);
      const entry: PostedCall = { sentAt, bucket: minuteOf(call.startedAt) };
      posted.push(entry);
      const body = Buffer.from(JSON.stringify(call));
      inflight.push(
        new Promise<void>((resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port: portOf(ingestion),
              path: '/api/v1/calls',
              method: 'POST',
              headers: {
                ...signed(qa, 'POST', '/api/v1/calls'),
                'content-type': 'application/json',
                'content-length': body.length,
              },
            },
            (res) => {
              if (res.statusCode !== 201) {
                rejected++;
                entry.accepted = false;
              }
              res.resume();
              res.on('end', () => resolve());
            },
          );
          req.on('error', reject);
          req.end(body);
        }),
      );
    }
    await Promise.all(inflight);
    const sendSeconds = (Date.now() - start) / 1000;
    const db = kpi.get(DataSource);
    const deadline = Date.now() + 60_000;
    let facts = 0;
    while (Date.now() < deadline) {
      facts = Number(
        (
          (await db.query(`SELECT count(*) AS n FROM kpi.call_facts WHERE tenant_id = $1`, [
            tenantId,
          ])) as {
            n: string;
          }[]
        )[0].n,
      );
      if (facts >= total) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const consumerSeconds = (Date.now() - start) / 1000;
    await new Promise((res) => setTimeout(res, 2000));
    const seen = freshness(posted, updates);
    return {
      error: freshnessError({ posted: total, rejected, seen: seen.seen, streamStatus }),
      ratePerSecond: rate,
      sentCallsPerSecond: Math.round(total / sendSeconds),
      rejected,
      kpiFacts: facts,
      kpiConsumerCallsPerSecond: Math.round(facts / consumerSeconds),
      streamUpdates: updates.length,
      freshness: seen,
    };
  } finally {
    stream?.destroy();
    for (const app of apps.reverse()) await app.close();
  }
}
