import { get } from 'node:http';
import { Client } from 'pg';
import {
  endingAt,
  freshness,
  freshnessError,
  kpiUpdateReader,
  minuteOf,
  PostedCall,
  seenAt,
  StreamedUpdate,
} from '../kpi-freshness.bench';
import { GatewayClient } from './gateway-client';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const summarize = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? null;
  return { p50: at(0.5), p99: at(0.99), max: s[s.length - 1] ?? null };
};

/**
 * How far the kpi service has got with one tenant's calls started in a window: the evaluations
 * it holds as facts (the last event of a call to reach it) and whether any minute still waits
 * for the aggregator.
 */
export class KpiWatch {
  constructor(
    private readonly db: Client,
    private readonly tenantId: string,
    private readonly from: string,
    private readonly to: string,
  ) {}

  async evaluationFacts(): Promise<number> {
    const [row] = (
      await this.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM kpi.evaluation_facts
         WHERE tenant_id = $1 AND call_started_at >= $2 AND call_started_at < $3`,
        [this.tenantId, this.from, this.to],
      )
    ).rows;
    return row.n;
  }

  private pendingSql?: string;

  /**
   * What the aggregator has yet to do for the tenant: stale marks, and the deltas waiting to be
   * folded where the kpi service aggregates by deltas (a platform from before has none).
   */
  private async pending(): Promise<string> {
    if (!this.pendingSql) {
      const [row] = (
        await this.db.query<{ deltas: boolean }>(
          `SELECT to_regclass('kpi.aggregate_deltas') IS NOT NULL AS deltas`,
        )
      ).rows;
      this.pendingSql = `(SELECT count(*)::int FROM kpi.stale_minutes WHERE tenant_id = $1)${
        row.deltas ? ' + (SELECT count(*)::int FROM kpi.aggregate_deltas WHERE tenant_id = $1)' : ''
      }`;
    }
    return this.pendingSql;
  }

  async staleMinutes(): Promise<number> {
    const [row] = (
      await this.db.query<{ n: number }>(`SELECT ${await this.pending()} AS n`, [this.tenantId])
    ).rows;
    return row.n;
  }

  /**
   * Waits (polling once a second, at most `timeoutMs`) until the kpi service holds as facts every
   * evaluation scoring stored for the tenant and has aggregated them: a freshness run started
   * behind a backlog would measure the backlog. Answers the seconds waited, or null on time-out.
   */
  async caughtUp(timeoutMs: number): Promise<number | null> {
    const t0 = Date.now();
    while (Date.now() - t0 < timeoutMs) {
      const [row] = (
        await this.db.query<{ scored: number; facts: number; stale: number }>(
          `SELECT (SELECT count(*)::int FROM scoring.evaluations WHERE tenant_id = $1) AS scored,
                  (SELECT count(*)::int FROM kpi.evaluation_facts WHERE tenant_id = $1) AS facts,
                  ${await this.pending()} AS stale`,
          [this.tenantId],
        )
      ).rows;
      if (row.facts >= row.scored && row.stale === 0)
        return Number(((Date.now() - t0) / 1000).toFixed(1));
      await sleep(1000);
    }
    return null;
  }

  /**
   * When each call's ingested event was written to ingestion's outbox, taken by its relay (the
   * relay's transaction start) and received by kpi's consumer (its inbox), in ms since the epoch.
   */
  async eventTimes(callIds: string[]) {
    const rows = (
      await this.db.query<{
        key: string;
        created: number;
        sent: number | null;
        kpi: number | null;
      }>(
        `SELECT o.key, (extract(epoch FROM o.created_at) * 1000)::float8 AS created,
           (extract(epoch FROM o.sent_at) * 1000)::float8 AS sent,
           (extract(epoch FROM i.received_at) * 1000)::float8 AS kpi
         FROM ingestion.outbox o
         LEFT JOIN kpi.inbox i ON i.consumer = 'kpi' AND i.event_id = o.event_id::text
         WHERE o.topic = 'qa.call.ingested.v1' AND o.key = ANY($1::text[])`,
        [callIds],
      )
    ).rows;
    return new Map(rows.map((r) => [r.key, r]));
  }

  /**
   * Polls once a second until the kpi service holds `n` evaluations and has aggregated them (or
   * the time is up): when each happened, in ms since the epoch, or null.
   */
  async until(n: number, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    let factsAt: number | null = null;
    let facts = 0;
    while (Date.now() < deadline) {
      facts = await this.evaluationFacts();
      if (facts >= n) {
        factsAt ??= Date.now();
        if ((await this.staleMinutes()) === 0) return { facts, factsAt, aggregatedAt: Date.now() };
      }
      await sleep(1000);
    }
    return { facts, factsAt, aggregatedAt: null };
  }
}

/**
 * Ingest → SSE freshness as a user sees it: the tenant's minute stream opened through the gateway,
 * single POSTs at `rate` for `seconds` of calls that ended a second before they were posted.
 */
export async function kpiFreshnessThroughGateway(
  client: GatewayClient,
  base: URL,
  watch: KpiWatch,
  opts: {
    rate: number;
    seconds: number;
    call: (i: number) => { callId: string; startedAt: string; endedAt: string };
  },
) {
  const backlogWaitSeconds = await watch.caughtUp(10 * 60_000);
  const updates: StreamedUpdate[] = [];
  const path = '/api/v1/kpis/stream?scope=tenant&window=minute';
  const stream = await new Promise<{ status: number; close: () => void }>((resolve, reject) => {
    const req = get(
      {
        host: base.hostname,
        port: base.port,
        path,
        headers: { authorization: `Bearer ${client.token}`, accept: 'text/event-stream' },
      },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', kpiUpdateReader(updates));
        resolve({ status: res.statusCode ?? 0, close: () => req.destroy() });
      },
    );
    req.on('error', reject);
  });
  const total = Math.round(opts.rate * opts.seconds);
  const posted: (PostedCall & { callId: string })[] = [];
  /** Per accepted call: when its 201 came back, and how long the POST took. */
  const answered = new Map<PostedCall, number>();
  let rejected = 0;
  const statuses: Record<string, number> = {};
  const count = (status: string) => (statuses[status] = (statuses[status] ?? 0) + 1);
  const done: Promise<void>[] = [];
  try {
    const t0 = Date.now();
    for (let i = 0; i < total; i++) {
      const wait = t0 + (i * 1000) / opts.rate - Date.now();
      if (wait > 0) await sleep(wait);
      const sentAt = Date.now();
      const call = endingAt(opts.call(i), sentAt - 1000);
      const entry: PostedCall & { callId: string } = {
        sentAt,
        bucket: minuteOf(call.startedAt),
        callId: call.callId,
      };
      posted.push(entry);
      done.push(
        client
          .send('POST', '/api/v1/calls', JSON.stringify(call))
          .then((a) => {
            count(String(a.status));
            if (a.status !== 201) {
              rejected++;
              entry.accepted = false;
            } else answered.set(entry, Date.now());
          })
          .catch((err: Error) => {
            count(err.message);
            rejected++;
            entry.accepted = false;
          }),
      );
    }
    const sendSeconds = (Date.now() - t0) / 1000;
    await Promise.all(done);
    // Long enough for the slowest call to show; a call not seen by then counts as unseen.
    const deadline = Date.now() + 30_000;
    while (freshness(posted, updates).unseen > 0 && Date.now() < deadline) await sleep(250);
    const seen = freshness(posted, updates);
    const stages = await eventStages(watch, posted, updates);
    return {
      error: freshnessError({
        posted: total,
        rejected,
        seen: seen.seen,
        streamStatus: stream.status,
      }),
      // Waited for the kpi service to finish the earlier phases' events before starting.
      backlogWaitSeconds,
      offeredPerSecond: opts.rate,
      achievedPerSecond: Math.round(total / (sendSeconds + 1 / opts.rate)),
      rejected,
      answers: statuses,
      streamUpdates: updates.length,
      httpMs: summarize([...answered].map(([p, at]) => at - p.sentAt)),
      ingestToStreamedUpdateMs: seen,
      // The same from the 201 answer: what the events' path (outbox → Kafka → kpi → SSE) takes.
      acceptedToStreamedUpdateMs: freshness(
        [...answered].map(([p, at]) => ({ ...p, sentAt: at })),
        updates,
      ),
      // Where the time goes: ingestion's outbox → its relay → kpi's consumer → the stream.
      stages,
    };
  } finally {
    stream.close();
  }
}

/**
 * Per seen call, its ingested event's way in stages (p50/p99 ms): written to ingestion's outbox →
 * taken by the relay (`outboxToRelay`), → received by kpi's consumer (`relayToKpi`: the produce,
 * the fetch and the wait for a free consumer), → the streamed update (`kpiToStream`: kpi's own
 * share: facts, aggregation, update sequence, hub, SSE through the gateway). Database times are
 * transaction starts; summaries are rounded to whole ms.
 */
async function eventStages(
  watch: KpiWatch,
  posted: (PostedCall & { callId: string })[],
  updates: StreamedUpdate[],
) {
  const seen = seenAt(posted, updates);
  const times = await watch.eventTimes([...seen.keys()].map((p) => p.callId));
  const outboxToRelay: number[] = [];
  const relayToKpi: number[] = [];
  // kpi's own share, ranked by when kpi received the calls: the n-th call of a minute to reach
  // kpi is shown once the minute's count reaches n (a call late upstream is not counted here).
  const atKpi: PostedCall[] = [];
  for (const p of seen.keys()) {
    const t = times.get(p.callId);
    if (!t || t.sent === null || t.kpi === null) continue;
    outboxToRelay.push(t.sent - t.created);
    relayToKpi.push(t.kpi - t.sent);
    atKpi.push({ sentAt: t.kpi, bucket: p.bucket });
  }
  const kpiToStream = [...seenAt(atKpi, updates)].map(([p, at]) => at - p.sentAt);
  const ms = (xs: number[]) => summarize(xs.map(Math.round));
  return {
    calls: relayToKpi.length,
    outboxToRelayMs: ms(outboxToRelay),
    relayToKpiMs: ms(relayToKpi),
    kpiToStreamMs: ms(kpiToStream),
  };
}
