import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { EventHeader, Topics } from '@qa/contracts';
import { createKafka, EventConsumerHost } from '@qa/messaging';
import { createService } from '@qa/platform';
import { BadKind, badMessages, encodeEvent, eventHeaders, goodEvent } from '@qa/testing';
import type { Consumer, Kafka, Message } from 'kafkajs';
import { DataSource } from 'typeorm';

const TOPIC = Topics.ComplaintOpened;
/**
 * What a bad share is made of: everything refused before the handler. A poison value that fails
 * in the handler is retried with backoff by design (seconds each), so it would measure the
 * backoff, not the consumer's pace; the integration spec covers it.
 */
const KINDS: BadKind[] = [
  'malformed',
  'other-event-type',
  'other-schema',
  'missing-fields',
  'no-occurred-at',
  'oversized',
];

export interface DeadLetterRun {
  badShare: number;
  good: number;
  bad: number;
  seconds: number;
  goodPerSecond: number;
}

/**
 * Moves kpi's group to the end of every topic before it starts: on a broker that ran the tests,
 * the group would otherwise drain their history (poison records retried for seconds) during the
 * first rounds and measure that instead.
 */
async function skipHistory(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    for (const topic of Object.values(Topics))
      if (existing.has(topic)) await admin.resetOffsets({ groupId, topic, earliest: false });
  } finally {
    await admin.disconnect();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : 0;
};

/** `good` events interleaved with bad ones so that `badShare` of all records are bad. */
export function interleave<T>(good: T[], bad: (i: number) => T, badShare: number): T[] {
  const badCount = badShare > 0 ? Math.round((good.length * badShare) / (1 - badShare)) : 0;
  const out: T[] = [];
  let b = 0;
  good.forEach((g, i) => {
    out.push(g);
    // Spread evenly: after good event i, the bad ones due by then.
    while (b < Math.floor(((i + 1) * badCount) / good.length)) out.push(bad(b++));
  });
  return out;
}

/**
 * kpi's consumer on qa.complaint.opened.v1 draining a backlog of `events` good events, with 0 %
 * and with `badShare` bad records interleaved (malformed, oversized, another topic's, missing
 * fields, no occurred-at), rounds alternating so both see the same machine; the rate counts good
 * events applied (in kpi's inbox) per second, from the moment a paused backlog is resumed to the last applied.
 */
export async function runDeadLettersBench(
  opts: { events?: number; badShare?: number; rounds?: number; kinds?: BadKind[] } = {},
) {
  const events = opts.events ?? 3000;
  const badShare = opts.badShare ?? 0.2;
  const rounds = opts.rounds ?? 3;
  const kinds = opts.kinds ?? KINDS;
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/qa_test';
  process.env.LOG_LEVEL ??= 'error';
  process.env.PORT ??= '0';
  let kpi: INestApplication | undefined;
  const kafka = createKafka(
    `bench-dead-letters-${process.pid}`,
    (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  );
  const producer = kafka.producer();
  try {
    await skipHistory(kafka, `${process.env.KAFKA_GROUP_PREFIX ?? ''}kpi`);
    const { AppModule } = await import('../../apps/kpi/src/app.module');
    const { kpiServiceOptions } = await import('../../apps/kpi/src/kpi.options');
    kpi = await createService(AppModule, kpiServiceOptions);
    await kpi.listen(0);
    await producer.connect();
    const db = kpi.get(DataSource);
    const consumer = kpi.get(EventConsumerHost).unwrap<Consumer>();
    const tenantId = `dlbench-${randomUUID().slice(0, 8)}`;

    const runOnce = async (share: number, round: number): Promise<DeadLetterRun> => {
      const ids: string[] = [];
      const good: Message[] = Array.from({ length: events }, (_, i) => {
        const key = `t-${round}-${share}-${i}-${randomUUID().slice(0, 6)}`;
        const headers = eventHeaders(TOPIC, tenantId);
        ids.push(String(headers[EventHeader.EventId]));
        return {
          key,
          value: encodeEvent(TOPIC, goodEvent(TOPIC, tenantId, key, i % 600)),
          headers,
        };
      });
      const pool = badMessages(TOPIC, tenantId, `bad-${round}`).filter((b) =>
        KINDS.includes(b.kind),
      );
      const records = interleave(good, (i) => pool[i % pool.length].message, share);
      // The backlog is written while the topic is paused, so the clock runs from resume to the
      // last good event applied: the consumer's pace alone, not the producer's.
      consumer.pause([{ topic: TOPIC }]);
      // Sent in slices under the topic's 1 MiB per batch (an oversized record is 256 KiB).
      let slice: Message[] = [];
      let bytes = 0;
      for (const r of [...records, null]) {
        const size = r ? (r.value as Buffer).length : 0;
        if (slice.length && (!r || slice.length >= 500 || bytes + size > 700_000)) {
          await producer.send({ topic: TOPIC, messages: slice });
          slice = [];
          bytes = 0;
        }
        if (r) {
          slice.push(r);
          bytes += size;
        }
      }
      const started = performance.now();
      consumer.resume([{ topic: TOPIC }]);
      for (;;) {
        const [{ n }] = (await db.query(
          `SELECT count(*)::int AS n FROM kpi.inbox WHERE consumer = 'kpi' AND event_id = ANY($1)`,
          [ids],
        )) as { n: number }[];
        if (n >= ids.length) break;
        if (performance.now() - started > 600_000)
          throw new Error(`only ${n} of ${ids.length} applied`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const seconds = (performance.now() - started) / 1000;
      return {
        badShare: share,
        good: events,
        bad: records.length - events,
        seconds: Math.round(seconds * 100) / 100,
        goodPerSecond: Math.round(events / seconds),
      };
    };

    // A warm-up drain so the first measured round does not pay for connections and plans.
    await runOnce(0, -1);
    const runs: DeadLetterRun[] = [];
    for (let r = 0; r < rounds; r++) {
      runs.push(await runOnce(0, r));
      runs.push(await runOnce(badShare, r));
    }
    const rate = (share: number) =>
      median(runs.filter((x) => x.badShare === share).map((x) => x.goodPerSecond));
    const baseline = rate(0);
    const withBad = rate(badShare);
    return {
      consumer: `kpi on ${TOPIC}`,
      badKinds: kinds,
      runs,
      baselineGoodPerSecond: baseline,
      withBadGoodPerSecond: withBad,
      // 1.0: bad records cost the good ones nothing; below it, the share of pace they take.
      ratio: baseline ? Math.round((withBad / baseline) * 100) / 100 : null,
    };
  } finally {
    await producer.disconnect();
    await kpi?.close();
  }
}
