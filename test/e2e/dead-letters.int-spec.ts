import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import {
  Codecs,
  DlqHeader,
  dlqTopic,
  EventHeader,
  EventTopic,
  MAX_CALL_RECORD_BYTES,
  Topics,
} from '@qa/contracts';
import { closeKafkaLeftovers, EventConsumerHost } from '@qa/messaging';
import { createService, ServiceOptions } from '@qa/platform';
import {
  announceTenant,
  badMessages,
  encodeEvent,
  eventHeaders,
  goodEvent,
  sampleCall,
  startKafkaProbe,
  TopicRecorder,
  waitFor,
} from '@qa/testing';
import { IHeaders, Kafka, Message, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { AppModule as Coaching } from '../../apps/coaching/src/app.module';
import { coachingServiceOptions } from '../../apps/coaching/src/coaching.options';
import { AppModule as Complaints } from '../../apps/complaints/src/app.module';
import { complaintsServiceOptions } from '../../apps/complaints/src/complaints.options';
import { AppModule as Ingestion } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';
import { AppModule as Kpi } from '../../apps/kpi/src/app.module';
import { kpiServiceOptions } from '../../apps/kpi/src/kpi.options';
import { AppModule as Scoring } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';

const SERVICES: [module: unknown, options: ServiceOptions][] = [
  [Ingestion, ingestionServiceOptions],
  [Scoring, scoringServiceOptions],
  [Complaints, complaintsServiceOptions],
  [Kpi, kpiServiceOptions],
  [Coaching, coachingServiceOptions],
];
/** Which case a record is, copied into its dead letter with the other headers. */
const CASE = 'x-test-case';
const GOOD_PER_TOPIC = 8;

interface Sent {
  topic: string;
  kind: string;
  good: boolean;
  reason?: RegExp;
  eventId?: string;
  callId?: string;
}

/**
 * Bad input on every topic a service consumes, interleaved with good events on one partition:
 * each bad record lands on `<topic>.dlq` once per consuming service with a reason naming the
 * problem — on its first attempt unless the handler itself failed — each good event is applied
 * once, and every group's offset passes them all.
 */
describe('dead letters on every consumed topic', () => {
  const tenantId = `dl-${randomUUID().slice(0, 8)}`;
  const apps = new Map<string, INestApplication>();
  /** Topic → the services consuming it, as their transports registered them. */
  const consumers = new Map<string, string[]>();
  let kafka: Kafka;
  let producer: Producer;
  let recorder: TopicRecorder;
  let db: DataSource;
  const sent: Sent[] = [];

  beforeAll(async () => {
    for (const [module, options] of SERVICES) {
      const app = await createService(module as never, options);
      await app.listen(0);
      apps.set(options.name, app);
      for (const topic of app.get(EventConsumerHost).getHandlers().keys())
        consumers.set(topic, [...(consumers.get(topic) ?? []), options.name]);
    }
    ({ kafka, producer, recorder } = await startKafkaProbe(`dead-letters-${tenantId}`, [
      ...[...consumers.keys()].map(dlqTopic),
    ]));
    db = apps.get('kpi')!.get(DataSource);
    await announceTenant(producer, db, 'ingestion', tenantId);
    await announceTenant(producer, db, 'scoring', tenantId);
  }, 240_000);

  afterAll(async () => {
    await recorder?.stop();
    await producer?.disconnect();
    for (const app of [...apps.values()].reverse()) await app.close();
    if (kafka) await closeKafkaLeftovers(kafka);
  });

  /** Good event, bad one, good, bad…, then a redelivery of the first good event. */
  async function sendProtobufTopic(topic: EventTopic): Promise<void> {
    const key = `${topic.split('.')[2]}-${randomUUID().slice(0, 8)}`;
    const goods: Message[] = [];
    for (let i = 0; i < GOOD_PER_TOPIC; i++) {
      const id = `${key}-g${i}`;
      const headers: IHeaders = { ...eventHeaders(topic, tenantId), [CASE]: `${topic}/good${i}` };
      goods.push({ key, value: encodeEvent(topic, goodEvent(topic, tenantId, id, i)), headers });
      sent.push({
        topic,
        kind: `good${i}`,
        good: true,
        eventId: String(headers[EventHeader.EventId]),
      });
    }
    const bads = badMessages(topic, tenantId, key).map((b) => {
      b.message.headers[CASE] = `${topic}/${b.kind}`;
      sent.push({
        topic,
        kind: b.kind,
        good: false,
        reason: b.reason,
        eventId: String(b.message.headers[EventHeader.EventId]),
      });
      return b.message;
    });
    const messages = goods.flatMap((g, i) => (bads[i] ? [g, bads[i]] : [g]));
    messages.push(goods[0]);
    await producer.send({ topic, messages: messages.map((m) => ({ ...m, partition: 0 })) });
  }

  /** qa.call.raw.v1: JSON from outside, its own decoder and limits. */
  async function sendRawCalls(): Promise<void> {
    const topic = Topics.CallRaw;
    const call = (callId: string, over: object = {}) =>
      sampleCall({ callId, tenantId, ...over }) as unknown as Record<string, unknown>;
    const rec = (
      kind: string,
      value: Buffer | string,
      key: string | null,
      headers: IHeaders = {},
    ) => ({
      key,
      value,
      partition: 0,
      headers: { ...headers, [CASE]: `${topic}/${kind}` },
    });
    const goods = Array.from({ length: GOOD_PER_TOPIC }, (_, i) => {
      const callId = `raw-${randomUUID().slice(0, 8)}-${i}`;
      sent.push({ topic, kind: `good${i}`, good: true, callId });
      return rec(`good${i}`, JSON.stringify(call(callId)), callId);
    });
    const big = JSON.stringify(call('raw-big'));
    const bad: [string, Buffer | string, RegExp, IHeaders?][] = [
      ['malformed', Buffer.from([0xff, 0xfe, 0x7b, 0x00]), /^not UTF-8 JSON: /],
      [
        'oversized',
        big + ' '.repeat(MAX_CALL_RECORD_BYTES + 1 - Buffer.byteLength(big)),
        new RegExp(
          `^the record is ${MAX_CALL_RECORD_BYTES + 1} bytes; a call may be at most ${MAX_CALL_RECORD_BYTES} bytes`,
        ),
      ],
      [
        'other-schema',
        JSON.stringify(
          Codecs[Topics.TenantUpserted].toJSON(goodEvent(Topics.TenantUpserted, tenantId, 'x')),
        ),
        /^invalid call: /,
      ],
      [
        'other-event-type',
        encodeEvent(Topics.CallIngested, goodEvent(Topics.CallIngested, tenantId, 'raw-pb')),
        /^(not UTF-8 JSON|invalid call): /,
        eventHeaders(Topics.CallIngested, tenantId),
      ],
      [
        'missing-fields',
        JSON.stringify(call('raw-no-start', { startedAt: '' })),
        /^invalid call: .*startedAt/,
      ],
      [
        'poison',
        JSON.stringify(call('raw-stranger', { tenantId: `${tenantId}-unknown` })),
        new RegExp(`^1 attempt\\(s\\) failed: tenant ${tenantId}-unknown does not exist$`),
      ],
    ];
    const bads = bad.map(([kind, value, reason, headers]) => {
      sent.push({ topic, kind, good: false, reason });
      return rec(kind, value, null, headers);
    });
    const messages = goods.flatMap((g, i) => (bads[i] ? [g, bads[i]] : [g]));
    messages.push(goods[0]);
    await producer.send({ topic, messages });
  }

  it('consumes the topics this spec covers, and nothing else', () => {
    // A new consumer must add its topic here (and so get its bad input).
    expect(Object.fromEntries([...consumers].map(([t, s]) => [t, [...s].sort()]))).toEqual({
      [Topics.CallRaw]: ['ingestion'],
      [Topics.TenantUpserted]: ['ingestion', 'kpi', 'scoring'],
      [Topics.CallIngested]: ['complaints', 'kpi', 'scoring'],
      [Topics.EvaluationScored]: ['coaching', 'complaints', 'kpi'],
      [Topics.EvaluationReviewed]: ['coaching', 'kpi'],
      [Topics.ComplaintDetected]: ['complaints'],
      [Topics.ComplaintOpened]: ['coaching', 'kpi'],
      [Topics.ComplaintTransitioned]: ['coaching', 'kpi'],
      [Topics.ComplaintSlaBreached]: ['kpi'],
      [Topics.CallbackScheduled]: ['kpi'],
      [Topics.CallbackCompleted]: ['kpi'],
      [Topics.KpiUpdated]: ['coaching'],
    });
  });

  it('dead-letters every bad record with its reason, applies every good one once, and passes them all', async () => {
    const topics = [...consumers.keys()];
    // One topic after another: a producer's concurrent first sends to many topics contend for
    // its metadata lock.
    for (const t of topics)
      await (t === Topics.CallRaw ? sendRawCalls() : sendProtobufTopic(t as EventTopic));

    // Each bad record, once per consuming service, with the reason that names it.
    const expected = sent
      .filter((s) => !s.good)
      .flatMap((s) => consumers.get(s.topic)!.map((service) => ({ ...s, service })));
    const deadOf = (s: { topic: string; kind: string; service: string }) =>
      recorder.messages.filter(
        (m) =>
          m.topic === dlqTopic(s.topic) &&
          m.message.headers?.[CASE]?.toString() === `${s.topic}/${s.kind}` &&
          m.message.headers?.[DlqHeader.Consumer]?.toString() === s.service,
      );
    await waitFor(
      `${expected.length} dead letters`,
      () => expected.every((e) => deadOf(e).length > 0),
      { timeoutMs: 180_000, intervalMs: 250 },
    ).catch((err: Error) => {
      const missing = expected.filter((e) => deadOf(e).length === 0);
      throw new Error(
        `${err.message}; missing ${missing.map((m) => `${m.service} ${m.topic}/${m.kind}`).join(', ')}`,
      );
    });
    const header = (m: { message: { headers?: IHeaders } }, h: string) =>
      m.message.headers?.[h]?.toString() ?? '';
    const seen = expected.map((e) => {
      const dead = deadOf(e);
      const reason = header(dead[0], DlqHeader.Reason);
      const attempts = Number(header(dead[0], DlqHeader.Attempts));
      return {
        what: `${e.service} ${e.topic}/${e.kind}`,
        copies: dead.length,
        reasonOk: e.reason!.test(reason) ? true : reason,
        // Refused before the handler ran (decoding, headers, validation): never retried. The
        // poison fails in the handler, once: data the database refuses is not retried either.
        attemptsOk:
          e.kind === 'poison'
            ? attempts === 1 && reason.startsWith('1 attempt(s) failed: ')
            : attempts === 0,
        original: header(dead[0], DlqHeader.OriginalTopic) === e.topic,
      };
    });
    expect(
      seen.filter((s) => !(s.copies === 1 && s.reasonOk === true && s.attemptsOk && s.original)),
    ).toEqual([]);
    expect(expected.length).toBeGreaterThan(100);

    // Every good event applied once by every consumer of its topic (the redelivered first one
    // included), no bad one at all.
    const inbox = async (service: string, ids: string[]) =>
      (await db.query(
        `SELECT event_id, count(*)::int AS n FROM ${service}.inbox WHERE consumer = $1 AND event_id = ANY($2) GROUP BY event_id`,
        [service, ids],
      )) as { event_id: string; n: number }[];
    for (const [topic, services] of consumers) {
      if (topic === Topics.CallRaw) continue;
      const good = sent.filter((s) => s.topic === topic && s.good).map((s) => s.eventId!);
      const bad = sent.filter((s) => s.topic === topic && !s.good).map((s) => s.eventId!);
      for (const service of services) {
        const rows = await waitFor(`${service} applied the good ${topic} events`, async () => {
          const r = await inbox(service, good);
          return r.length === good.length ? r : undefined;
        });
        expect({ topic, service, n: rows.map((r) => r.n) }).toEqual({
          topic,
          service,
          n: good.map(() => 1),
        });
        expect({ topic, service, bad: await inbox(service, bad) }).toEqual({
          topic,
          service,
          bad: [],
        });
      }
    }
    const rawGood = sent.filter((s) => s.topic === Topics.CallRaw && s.good).map((s) => s.callId!);
    const calls = await waitFor('the good raw calls stored', async () => {
      const r = (await db.query(
        'SELECT call_id FROM ingestion.calls WHERE tenant_id = $1 AND call_id = ANY($2)',
        [tenantId, rawGood],
      )) as { call_id: string }[];
      return r.length >= rawGood.length ? r : undefined;
    });
    expect(calls.map((c) => c.call_id).sort()).toEqual([...rawGood].sort());
    // kpi, one effect per good event: a call fact per ingested call, however often it came.
    const facts = (await db.query(
      'SELECT call_id, count(*)::int AS n FROM kpi.call_facts WHERE tenant_id = $1 GROUP BY call_id',
      [tenantId],
    )) as { call_id: string; n: number }[];
    expect(facts.filter((f) => f.n !== 1)).toEqual([]);
    expect(facts.length).toBeGreaterThanOrEqual(GOOD_PER_TOPIC);

    // Every group is past every record it was given: lag back to 0.
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const [topic, services] of consumers)
        for (const service of services) {
          const groupId = `${process.env.KAFKA_GROUP_PREFIX ?? ''}${service}`;
          await waitFor(`${groupId} at the end of ${topic}`, async () => {
            const ends = await admin.fetchTopicOffsets(topic);
            const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
            const at = new Map(committed.partitions.map((p) => [p.partition, Number(p.offset)]));
            return ends.every(
              (e) => Number(e.high) === 0 || at.get(e.partition) === Number(e.high),
            );
          });
        }
    } finally {
      await admin.disconnect();
    }
  }, 300_000);
});
