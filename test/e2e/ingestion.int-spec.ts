import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Codecs, dlqTopic, DlqHeader, EventHeader, Topics } from '@qa/contracts';
import { createKafka } from '@qa/messaging';
import { createService } from '@qa/platform';
import { asIdentity, sleep, TopicRecorder, waitFor } from '@qa/testing';
import { Kafka, Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';

/** Ingestion against the real Postgres and Kafka: validation, batches, idempotency, PII, raw topic. */
describe('ingestion', () => {
  const tenantId = `i-${randomUUID().slice(0, 8)}`;
  const qa = asIdentity({ tenantId, role: 'qa' });
  const lead = asIdentity({ tenantId, role: 'lead' });
  let app: INestApplication;
  let db: DataSource;
  let kafka: Kafka;
  let producer: Producer;
  let recorder: TopicRecorder;

  const valid = (callId = `c-${randomUUID()}`): Record<string, unknown> => ({
    callId,
    tenantId,
    direction: 'inbound',
    purpose: 'service',
    agentId: 'a-1001',
    teamId: 't-01',
    customer: { phone: '13800138000', id: 'u-77' },
    startedAt: '2026-11-22T09:00:00+08:00',
    answeredAt: '2026-11-22T09:00:07+08:00',
    endedAt: '2026-11-22T09:04:10+08:00',
    hangupBy: 'customer',
    segments: [
      { speaker: 'agent', startMs: 0, endMs: 2800, text: '您好,示例公司,工号1001,很高兴为您服务' },
      {
        speaker: 'customer',
        startMs: 3000,
        endMs: 9000,
        text: '我的手机号13912345678,身份证110101199003071234',
      },
    ],
  });
  const storedCount = async (callId: string) =>
    Number(
      (
        (await db.query(
          'SELECT count(*)::int AS n FROM ingestion.calls WHERE tenant_id = $1 AND call_id = $2',
          [tenantId, callId],
        )) as { n: number }[]
      )[0].n,
    );
  const outboxCount = async (callId: string) =>
    Number(
      (
        (await db.query('SELECT count(*)::int AS n FROM ingestion.outbox WHERE key = $1', [
          callId,
        ])) as { n: number }[]
      )[0].n,
    );
  const post = (body: unknown, identity = qa) =>
    request(app.getHttpServer())
      .post('/api/v1/calls')
      .set(identity)
      .send(body as object);

  beforeAll(async () => {
    app = await createService(AppModule, ingestionServiceOptions);
    await app.listen(0);
    db = app.get(DataSource);
    kafka = createKafka('ingestion-test', process.env.KAFKA_BROKERS!.split(','));
    producer = kafka.producer();
    await producer.connect();
    recorder = new TopicRecorder(kafka, [Topics.CallIngested, dlqTopic(Topics.CallRaw)]);
    await recorder.start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await producer?.disconnect();
    await app?.close();
  });

  const seg = (over: Record<string, unknown>) => ({
    speaker: 'agent',
    startMs: 0,
    endMs: 1000,
    text: '您好',
    ...over,
  });
  const badInputs: [string, (c: Record<string, unknown>) => unknown, string][] = [
    ['callId missing', (c) => ({ ...c, callId: undefined }), 'callId'],
    ['callId a number', (c) => ({ ...c, callId: 42 }), 'callId'],
    ['callId with spaces', (c) => ({ ...c, callId: 'a b' }), 'callId'],
    ['callId too long', (c) => ({ ...c, callId: 'x'.repeat(200) }), 'callId'],
    ['tenantId missing', (c) => ({ ...c, tenantId: undefined }), 'tenantId'],
    ['direction unknown', (c) => ({ ...c, direction: 'sideways' }), 'direction'],
    ['direction null', (c) => ({ ...c, direction: null }), 'direction'],
    ['purpose unknown', (c) => ({ ...c, purpose: 'sales' }), 'purpose'],
    ['agentId empty', (c) => ({ ...c, agentId: '' }), 'agentId'],
    ['teamId an object', (c) => ({ ...c, teamId: { a: 1 } }), 'teamId'],
    ['startedAt not a date', (c) => ({ ...c, startedAt: 'yesterday' }), 'startedAt'],
    ['startedAt a number', (c) => ({ ...c, startedAt: 1732237200000 }), 'startedAt'],
    ['endedAt missing', (c) => ({ ...c, endedAt: undefined }), 'endedAt'],
    [
      'answeredAt before startedAt',
      (c) => ({ ...c, answeredAt: '2026-11-22T08:59:00+08:00' }),
      'answeredAt',
    ],
    [
      'endedAt before answeredAt',
      (c) => ({ ...c, endedAt: '2026-11-22T09:00:05+08:00' }),
      'endedAt',
    ],
    ['call longer than a day', (c) => ({ ...c, endedAt: '2026-11-24T09:00:00+08:00' }), 'endedAt'],
    ['abandoned call with a transcript', (c) => ({ ...c, answeredAt: null }), 'segments'],
    ['ringCount negative', (c) => ({ ...c, ringCount: -1 }), 'ringCount'],
    ['ringCount fractional', (c) => ({ ...c, ringCount: 2.5 }), 'ringCount'],
    ['hangupBy unknown', (c) => ({ ...c, hangupBy: 'nobody' }), 'hangupBy'],
    ['csat out of range', (c) => ({ ...c, csat: 6 }), 'csat'],
    ['csat a string', (c) => ({ ...c, csat: 'five' }), 'csat'],
    ['unknown top-level field', (c) => ({ ...c, priority: 'high' }), 'priority'],
    [
      'unknown segment field',
      (c) => ({ ...c, segments: [seg({ emotion: 'angry' })] }),
      'segments.0.emotion',
    ],
    ['segments not an array', (c) => ({ ...c, segments: 'hello' }), 'segments'],
    [
      'segment speaker unknown',
      (c) => ({ ...c, segments: [seg({ speaker: 'robot' })] }),
      'segments.0.speaker',
    ],
    [
      'segment negative start',
      (c) => ({ ...c, segments: [seg({ startMs: -5 })] }),
      'segments.0.startMs',
    ],
    [
      'segment end before start',
      (c) => ({ ...c, segments: [seg({ startMs: 5000, endMs: 1000 })] }),
      'segments.0.endMs',
    ],
    [
      'segments out of order',
      (c) => ({
        ...c,
        segments: [seg({ startMs: 5000, endMs: 6000 }), seg({ startMs: 1000, endMs: 2000 })],
      }),
      'segments.1.startMs',
    ],
    [
      'segment after the call ended',
      (c) => ({ ...c, segments: [seg({ startMs: 0, endMs: 9_000_000 })] }),
      'segments.0.endMs',
    ],
    [
      'segment text not a string',
      (c) => ({ ...c, segments: [seg({ text: 12 })] }),
      'segments.0.text',
    ],
    [
      'segment text huge',
      (c) => ({ ...c, segments: [seg({ text: '长'.repeat(6000) })] }),
      'segments.0.text',
    ],
    [
      'segment text with control characters',
      (c) => ({ ...c, segments: [seg({ text: 'bad\u0000text' })] }),
      'segments.0.text',
    ],
    [
      'too many segments',
      (c) => ({
        ...c,
        segments: Array.from({ length: 2001 }, (_, i) => seg({ startMs: i, endMs: i })),
      }),
      'segments',
    ],
    [
      'customer phone not a number',
      (c) => ({ ...c, customer: { phone: 'call me' } }),
      'customer.phone',
    ],
    ['customer not an object', (c) => ({ ...c, customer: 'u-1' }), 'customer'],
    ['recordingUrl huge', (c) => ({ ...c, recordingUrl: 'x'.repeat(3000) }), 'recordingUrl'],
    ['relatedCallIds not strings', (c) => ({ ...c, relatedCallIds: [1, 2] }), 'relatedCallIds'],
    [
      'relatedCallIds too many',
      (c) => ({ ...c, relatedCallIds: Array.from({ length: 101 }, (_, i) => `c-${i}`) }),
      'relatedCallIds',
    ],
    [
      'startedAt impossible date',
      (c) => ({ ...c, startedAt: '2026-02-30T09:00:00+08:00' }),
      'startedAt',
    ],
  ];

  it.each(badInputs)(
    'refuses %s with 400 problem+json naming the field, and stores nothing',
    async (_name, mutate, path) => {
      const base = valid();
      const body = mutate(base) as Record<string, unknown>;
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await storedCount(base.callId as string)).toBe(0);
    },
  );

  it('refuses malformed JSON, a non-object body and an 11 MB body with clear 4xx', async () => {
    const malformed = await request(app.getHttpServer())
      .post('/api/v1/calls')
      .set(qa)
      .set('content-type', 'application/json')
      .send('{"callId": ');
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect((await post([valid()])).status).toBe(400);
    const huge = valid();
    huge.segments = [seg({ text: 'x'.repeat(11 * 1024 * 1024) })];
    const tooBig = await post(huge);
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers['content-type']).toContain('application/problem+json');
    expect(await storedCount(huge.callId as string)).toBe(0);
  });

  it('stores one call and publishes one event when the same call is posted 20 times at once', async () => {
    const body = valid();
    const statuses = (await Promise.all(Array.from({ length: 20 }, () => post(body))))
      .map((r) => r.status)
      .sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(await storedCount(body.callId as string)).toBe(1);
    expect(await outboxCount(body.callId as string)).toBe(1);
    await waitFor(
      'the event on the wire',
      () => recorder.withKey(Topics.CallIngested, body.callId as string).length === 1,
    );
    await sleep(1000);
    expect(recorder.withKey(Topics.CallIngested, body.callId as string)).toHaveLength(1);
  });

  it('takes a JSON-array batch: valid items accepted, bad ones and in-batch duplicates rejected per item', async () => {
    const a = valid();
    const b = valid();
    const items = [
      a,
      { ...valid(), direction: 'up' },
      b,
      { ...b },
      { ...valid(), tenantId: 'someone-else' },
    ];
    const res = await request(app.getHttpServer()).post('/api/v1/calls/batch').set(qa).send(items);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, duplicate: 0, rejected: 3 });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'rejected',
      'accepted',
      'rejected',
      'rejected',
    ]);
    expect(res.body.results[1].errors[0].path).toBe('direction');
    expect(res.body.results[3].errors[0].message).toContain('earlier in this batch');
    expect(await storedCount(a.callId as string)).toBe(1);
    const again = await request(app.getHttpServer()).post('/api/v1/calls/batch').set(qa).send([a]);
    expect(again.body).toMatchObject({ accepted: 0, duplicate: 1, rejected: 0 });
  });

  it('takes NDJSON with a bad UTF-8 line and a broken JSON line, keeping the good lines', async () => {
    const a = valid();
    const b = valid();
    const body = Buffer.concat([
      Buffer.from(JSON.stringify(a) + '\n'),
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]),
      Buffer.from('{"callId": \n'),
      Buffer.from(JSON.stringify(b) + '\n'),
    ]);
    const res = await request(app.getHttpServer())
      .post('/api/v1/calls/batch')
      .set(qa)
      .set('content-type', 'application/x-ndjson')
      .send(body);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'rejected',
      'rejected',
      'accepted',
    ]);
    expect(res.body.results[1].errors[0].message).toContain('UTF-8');
    expect(await storedCount(b.callId as string)).toBe(1);
  });

  it('refuses an empty batch and one over 10,000 calls', async () => {
    expect(
      (await request(app.getHttpServer()).post('/api/v1/calls/batch').set(qa).send([])).status,
    ).toBe(400);
    const lines = Buffer.from('{}\n'.repeat(10_001));
    const res = await request(app.getHttpServer())
      .post('/api/v1/calls/batch')
      .set(qa)
      .set('content-type', 'application/x-ndjson')
      .send(lines);
    expect(res.status).toBe(413);
  });

  it('masks phone, ID-card and bank numbers for roles without PII permission; keeps originals', async () => {
    const body = valid();
    expect((await post(body)).status).toBe(201);
    const masked = await request(app.getHttpServer()).get(`/api/v1/calls/${body.callId}`).set(qa);
    expect(masked.body.customer.phone).toBe('138****8000');
    expect(masked.body.segments[1].text).toBe('我的手机号139****5678,身份证110101********1234');
    const clear = await request(app.getHttpServer()).get(`/api/v1/calls/${body.callId}`).set(lead);
    expect(clear.body.customer.phone).toBe('13800138000');
    expect(clear.body.segments[1].text).toContain('13912345678');
  });

  it('derives the ring count from ringing time with the tenant seconds per ring, or keeps the given one', async () => {
    await producer.send({
      topic: Topics.TenantUpserted,
      messages: [
        {
          key: tenantId,
          value: Buffer.from(
            Codecs[Topics.TenantUpserted]
              .encode({
                tenantId,
                name: 't',
                companyName: 'c',
                secondsPerRing: 2,
                timezone: 'Asia/Shanghai',
              })
              .finish(),
          ),
          headers: {
            [EventHeader.EventId]: randomUUID(),
            [EventHeader.EventType]: Topics.TenantUpserted,
          },
        },
      ],
    });
    await waitFor(
      'tenant settings',
      async () =>
        (
          (await db.query('SELECT 1 FROM ingestion.tenants WHERE tenant_id = $1', [
            tenantId,
          ])) as unknown[]
        ).length === 1,
    );
    const derived = valid();
    const given: Record<string, unknown> = { ...valid(), ringCount: 1 };
    expect((await post(derived)).status).toBe(201);
    expect((await post(given)).status).toBe(201);
    expect(
      (await request(app.getHttpServer()).get(`/api/v1/calls/${derived.callId}`).set(qa)).body
        .ringCount,
    ).toBe(4);
    expect(
      (await request(app.getHttpServer()).get(`/api/v1/calls/${given.callId}`).set(qa)).body
        .ringCount,
    ).toBe(1);
  });

  it('lists calls newest first with a cursor; agents see only their own', async () => {
    const http = request(app.getHttpServer());
    const first = await http.get('/api/v1/calls').query({ limit: 2 }).set(qa);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    const next = await http
      .get('/api/v1/calls')
      .query({ limit: 2, cursor: first.body.nextCursor })
      .set(qa);
    const ids = [...first.body.items, ...next.body.items].map((c: { callId: string }) => c.callId);
    expect(new Set(ids).size).toBe(ids.length);
    const agent = asIdentity({ tenantId, role: 'agent', agentId: 'a-9999' });
    expect((await http.get('/api/v1/calls').set(agent)).body.items).toEqual([]);
    expect((await http.get('/api/v1/calls').query({ cursor: 'garbage' }).set(qa)).status).toBe(400);
  });

  it('consumes raw JSON calls from qa.call.raw.v1 and dead-letters bad ones with the reason', async () => {
    const good = valid();
    const badKey = `raw-bad-${randomUUID()}`;
    await producer.send({
      topic: Topics.CallRaw,
      messages: [
        { key: badKey, value: JSON.stringify({ ...valid(), direction: 'diagonal' }) },
        { key: `${badKey}-json`, value: '{not json' },
        { key: good.callId as string, value: JSON.stringify(good) },
      ],
    });
    await waitFor(
      'the raw call stored',
      async () => (await storedCount(good.callId as string)) === 1,
    );
    const [dead] = await waitFor('bad raw call in the DLQ', () => {
      const got = recorder.withKey(dlqTopic(Topics.CallRaw), badKey);
      return got.length ? got : undefined;
    });
    expect(dead.message.headers?.[DlqHeader.Reason]?.toString()).toContain('direction');
    await waitFor(
      'broken JSON in the DLQ',
      () => recorder.withKey(dlqTopic(Topics.CallRaw), `${badKey}-json`).length === 1,
    );
  });
});
