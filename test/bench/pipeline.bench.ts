import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { createService, Identity, signIdentity } from '@qa/platform';
import { DataSource } from 'typeorm';
import { seededCalls } from './transcripts';

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function post(port: number, path: string, body: unknown, identity: Identity): Promise<number> {
  // Signed per request, as the gateway does: a signature is bound to one request.
  const headers = signIdentity(identity, process.env.INTERNAL_SECRET ?? '', {
    method: 'POST',
    path,
  });
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': data.length },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/**
 * HTTP ingest → outbox → Kafka → scoring → evaluation stored, on the real servers, at a fixed
 * rate for a bounded count. Latency per call: from the POST to the evaluation row's created_at.
 */
export async function runPipelineBench(opts: { calls?: number; ratePerSecond?: number } = {}) {
  const total = opts.calls ?? 1000;
  const rate = opts.ratePerSecond ?? 100;
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/qa_test';
  process.env.LOG_LEVEL ??= 'error';
  process.env.PORT ??= '0';
  const apps: INestApplication[] = [];
  try {
    const { AppModule: Ingestion } = await import('../../apps/ingestion/src/app.module');
    const { ingestionServiceOptions } = await import('../../apps/ingestion/src/ingestion.options');
    const { AppModule: Scoring } = await import('../../apps/scoring/src/app.module');
    const { scoringServiceOptions } = await import('../../apps/scoring/src/scoring.options');
    const ingestion = await createService(Ingestion, ingestionServiceOptions);
    apps.push(ingestion);
    await ingestion.listen(0);
    const scoring = await createService(Scoring, scoringServiceOptions);
    apps.push(scoring);
    await scoring.listen(0);
    const port = (ingestion.getHttpServer().address() as { port: number }).port;
    const db = ingestion.get(DataSource);
    const tenantId = `bench-${randomUUID().slice(0, 8)}`;
    const identity: Identity = { userId: 'bench', username: 'bench', role: 'qa', tenantId };
    const next = seededCalls(7, tenantId);
    const sentAt = new Map<string, number>();
    const httpMs: number[] = [];
    const start = Date.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
      const call = next(i);
      const t0 = Date.now();
      sentAt.set(call.callId, t0);
      inflight.push(
        post(port, '/api/v1/calls', call, identity).then((status) => {
          if (status !== 201) throw new Error(`POST answered ${status}`);
          httpMs.push(Date.now() - t0);
        }),
      );
    }
    await Promise.all(inflight);
    const deadline = Date.now() + 120_000;
    let rows: { call_id: string; at: string }[] = [];
    while (Date.now() < deadline) {
      rows = (await db.query(
        `SELECT call_id, (extract(epoch from created_at) * 1000)::bigint AS at FROM scoring.evaluations WHERE tenant_id = $1`,
        [tenantId],
      )) as { call_id: string; at: string }[];
      if (rows.length >= total) break;
      await new Promise((res) => setTimeout(res, 250));
    }
    const e2e = rows.map((row) => Number(row.at) - sentAt.get(row.call_id)!).sort((a, b) => a - b);
    httpMs.sort((a, b) => a - b);
    const elapsed = (Math.max(...rows.map((x) => Number(x.at))) - start) / 1000;
    return {
      benchmark: 'pipeline',
      calls: total,
      offeredRatePerSecond: rate,
      evaluated: rows.length,
      throughputCallsPerSecond: Number((rows.length / elapsed).toFixed(1)),
      httpPostMs: { p50: pct(httpMs, 50), p99: pct(httpMs, 99), max: httpMs[httpMs.length - 1] },
      ingestToEvaluationStoredMs: {
        p50: pct(e2e, 50),
        p99: pct(e2e, 99),
        max: e2e[e2e.length - 1],
      },
      ingestToKpiUpdatedMs: 'see the kpi section (test/bench/kpi-freshness.bench.ts)',
    };
  } finally {
    for (const app of apps.reverse()) await app.close();
  }
}

if (require.main === module) {
  void runPipelineBench().then((r) => {
    console.log(JSON.stringify(r, null, 2));
    process.exit(0);
  });
}
