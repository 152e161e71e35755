import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { OutboxRelay } from '@qa/messaging';
import { createService, Identity, signIdentity } from '@qa/platform';
import { DataSource } from 'typeorm';
import { seededCalls } from './transcripts';

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function post(port: number, path: string, body: Buffer, identity: Identity): Promise<number> {
  // Signed per request, as the gateway does: a signature is bound to one request.
  const headers = signIdentity(identity, process.env.INTERNAL_SECRET ?? '', {
    method: 'POST',
    path,
  });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Ingestion alone (real Postgres, outbox relay to the real Kafka running): batch throughput into
 * calls + outbox, beside the one-call-per-request path as the baseline, and single-POST latency at
 * a fixed 100 requests/s.
 */
export async function runIngestionBench(
  opts: { batchCalls?: number; batchSize?: number; singleCalls?: number } = {},
) {
  const batchCalls = opts.batchCalls ?? 10_000;
  const batchSize = opts.batchSize ?? 1000;
  const singleCalls = opts.singleCalls ?? 1000;
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/qa_test';
  process.env.LOG_LEVEL ??= 'error';
  process.env.PORT ??= '0';
  let app: INestApplication | undefined;
  try {
    const { AppModule } = await import('../../apps/ingestion/src/app.module');
    const { ingestionServiceOptions } = await import('../../apps/ingestion/src/ingestion.options');
    app = await createService(AppModule, ingestionServiceOptions);
    await app.listen(0);
    // The write path alone (calls + outbox rows); publishing is the pipeline bench's business, and
    // 11,500 unconsumed events would sit in front of the next run's scoring consumer.
    await app.get(OutboxRelay).onModuleDestroy();
    const port = (app.getHttpServer().address() as { port: number }).port;
    const tenantId = `ib-${randomUUID().slice(0, 8)}`;
    const identity: Identity = { userId: 'bench', username: 'bench', role: 'qa', tenantId };
    const next = seededCalls(11, tenantId);
    const make = (prefix: string, i: number) => next(i, `${prefix}-${i}`);

    const bodies: Buffer[] = [];
    for (let i = 0; i < batchCalls; i += batchSize) {
      bodies.push(
        Buffer.from(
          JSON.stringify(
            Array.from({ length: Math.min(batchSize, batchCalls - i) }, (_, k) => make('b', i + k)),
          ),
        ),
      );
    }
    const t0 = process.hrtime.bigint();
    for (const b of bodies) {
      const status = await post(port, '/api/v1/calls/batch', b, identity);
      if (status !== 200) throw new Error(`batch answered ${status}`);
    }
    const batchSeconds = Number(process.hrtime.bigint() - t0) / 1e9;

    const sequential = Array.from({ length: 500 }, (_, i) =>
      Buffer.from(JSON.stringify(make('s', i))),
    );
    const t1 = process.hrtime.bigint();
    for (const b of sequential) await post(port, '/api/v1/calls', b, identity);
    const seqSeconds = Number(process.hrtime.bigint() - t1) / 1e9;

    const latencies: number[] = [];
    const start = Date.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < singleCalls; i++) {
      const wait = start + i * 10 - Date.now();
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
      const body = Buffer.from(JSON.stringify(make('p', i)));
      const sent = process.hrtime.bigint();
      inflight.push(
        post(port, '/api/v1/calls', body, identity).then(
          () => void latencies.push(Number(process.hrtime.bigint() - sent) / 1e6),
        ),
      );
    }
    await Promise.all(inflight);
    latencies.sort((a, b) => a - b);
    const db = app.get(DataSource);
    await db.query(`DELETE FROM ingestion.outbox WHERE headers->>'tenant-id' = $1`, [tenantId]);
    await db.query('DELETE FROM ingestion.calls WHERE tenant_id = $1', [tenantId]);
    return {
      benchmark: 'ingestion',
      transcriptChars: 600,
      batch: {
        calls: batchCalls,
        batchSize,
        seconds: Number(batchSeconds.toFixed(2)),
        callsPerSecond: Math.round(batchCalls / batchSeconds),
      },
      baselineOneCallPerRequest: { calls: 500, callsPerSecond: Math.round(500 / seqSeconds) },
      singlePostAt100PerSecond: {
        requests: singleCalls,
        p50Ms: Number(pct(latencies, 50).toFixed(1)),
        p99Ms: Number(pct(latencies, 99).toFixed(1)),
        maxMs: Number(latencies[latencies.length - 1].toFixed(1)),
      },
      target: { batchCallsPerSecond: 2000 },
    };
  } finally {
    await app?.close();
  }
}

if (require.main === module) {
  void runIngestionBench().then((r) => {
    console.log(JSON.stringify(r, null, 2));
    process.exit(0);
  });
}
