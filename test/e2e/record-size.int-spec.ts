import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import {
  CALL_TOPIC_MAX_MESSAGE_BYTES,
  Codecs,
  DlqHeader,
  dlqTopic,
  MAX_CALL_RECORD_BYTES,
  Topics,
} from '@qa/contracts';
import { createService } from '@qa/platform';
import {
  asIdentity,
  publishEvent,
  sampleCall,
  startKafkaProbe,
  TopicRecorder,
  waitFor,
} from '@qa/testing';
import { ConfigResourceTypes, Kafka, KafkaJSProtocolError, Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';

/**
 * The record size limit of qa.call.raw.v1 against the real broker: a 2 MB legal call goes through
 * (stored and published on qa.call.ingested.v1), a value over the documented 5 MiB is
 * dead-lettered with the reason, a record over the topic's max.message.bytes is refused by the
 * broker at produce time.
 */
describe('record size on qa.call.raw.v1', () => {
  const tenantId = `rs-${randomUUID().slice(0, 8)}`;
  let app: INestApplication;
  let db: DataSource;
  let kafka: Kafka;
  let producer: Producer;
  let recorder: TopicRecorder;

  /** Python's json.dumps writes every non-ASCII character as \uXXXX: 6 bytes for each. */
  const asciiJson = (v: unknown) =>
    JSON.stringify(v).replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  const call = (segments: number, chars: number) =>
    sampleCall({
      customer: undefined,
      callId: `c-${randomUUID()}`,
      tenantId,
      answeredAt: '2026-11-22T09:00:05+08:00',
      endedAt: '2026-11-22T10:00:00+08:00',
      segments: Array.from({ length: segments }, (_, i) => ({
        speaker: i % 2 ? 'customer' : 'agent',
        startMs: i * 1000,
        endMs: i * 1000 + 900,
        text: '您好请问有什么可以帮您'.repeat(Math.ceil(chars / 10)).slice(0, chars),
      })),
    });
  const stored = async (callId: string) =>
    (
      (await db.query('SELECT 1 FROM ingestion.calls WHERE tenant_id = $1 AND call_id = $2', [
        tenantId,
        callId,
      ])) as unknown[]
    ).length === 1;

  beforeAll(async () => {
    app = await createService(AppModule, ingestionServiceOptions);
    await app.listen(0);
    db = app.get(DataSource);
    ({ kafka, producer, recorder } = await startKafkaProbe('record-size-test', [
      Topics.CallIngested,
      dlqTopic(Topics.CallRaw),
    ]));
    await publishEvent(
      producer,
      Topics.TenantUpserted,
      tenantId,
      { tenantId, name: 't', companyName: 'c', secondsPerRing: 3, timezone: '' },
      tenantId,
    );
    await waitFor(
      'the tenant known to ingestion',
      async () =>
        (
          (await db.query('SELECT 1 FROM ingestion.tenants WHERE tenant_id = $1', [
            tenantId,
          ])) as unknown[]
        ).length === 1,
    );
  });

  afterAll(async () => {
    await recorder?.stop();
    await producer?.disconnect();
    await app?.close();
  });

  it('gives the call topics and their dead letters a max.message.bytes above the documented limit', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const topics = [Topics.CallRaw, Topics.CallIngested, dlqTopic(Topics.CallRaw)];
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({
        type: ConfigResourceTypes.TOPIC,
        name,
        configNames: ['max.message.bytes'],
      })),
    });
    await admin.disconnect();
    const bytes = Object.fromEntries(
      resources.map((r) => [r.resourceName, Number(r.configEntries[0].configValue)]),
    );
    expect(bytes[Topics.CallRaw]).toBe(CALL_TOPIC_MAX_MESSAGE_BYTES);
    expect(bytes[Topics.CallIngested]).toBe(CALL_TOPIC_MAX_MESSAGE_BYTES);
    expect(bytes[dlqTopic(Topics.CallRaw)]).toBeGreaterThan(CALL_TOPIC_MAX_MESSAGE_BYTES);
    expect(MAX_CALL_RECORD_BYTES).toBeLessThan(CALL_TOPIC_MAX_MESSAGE_BYTES);
  });

  it('stores a 2 MB legal call from the raw topic and publishes it whole on qa.call.ingested.v1', async () => {
    // 340,000 characters (a legal call has up to 500,000) as a Python producer writes them.
    const big = call(2000, 170);
    const value = asciiJson(big);
    expect(value.length).toBeGreaterThan(2_000_000);
    expect(value.length).toBeLessThan(MAX_CALL_RECORD_BYTES);
    await producer.send({
      topic: Topics.CallRaw,
      messages: [{ key: big.callId, value }],
    });
    await waitFor('the 2 MB call stored', () => stored(big.callId), { timeoutMs: 90_000 });
    const [published] = await waitFor(
      'the 2 MB call on qa.call.ingested.v1',
      () => {
        const got = recorder.withKey(Topics.CallIngested, big.callId);
        return got.length > 0 ? got : undefined;
      },
      { timeoutMs: 90_000 },
    );
    // Over the broker's default 1 MiB: the ingested topic needs its raised limit too.
    expect(published.message.value!.length).toBeGreaterThan(1024 * 1024);
    const event = Codecs[Topics.CallIngested].decode(published.message.value!);
    expect(event.call!.segments).toHaveLength(2000);
    expect(event.call!.segments.reduce((n, s) => n + s.text.length, 0)).toBe(340_000);
  });

  it('dead-letters a value over 5 MiB with the limit as the reason, and the broker refuses one over max.message.bytes', async () => {
    const small = call(2, 10);
    // Legal JSON (trailing whitespace) one byte over the limit: the topic takes it, ingestion not.
    const json = JSON.stringify(small);
    const over = json + ' '.repeat(MAX_CALL_RECORD_BYTES + 1 - Buffer.byteLength(json));
    await producer.send({ topic: Topics.CallRaw, messages: [{ key: small.callId, value: over }] });
    const [dead] = await waitFor(
      'the oversized record dead-lettered',
      () => {
        const got = recorder.withKey(dlqTopic(Topics.CallRaw), small.callId);
        return got.length > 0 ? got : undefined;
      },
      { timeoutMs: 90_000 },
    );
    expect(dead.message.headers?.[DlqHeader.Reason]?.toString()).toBe(
      `the record is ${MAX_CALL_RECORD_BYTES + 1} bytes; a call may be at most ${MAX_CALL_RECORD_BYTES} bytes (5 MiB, as a POST /api/v1/calls body)`,
    );
    expect(dead.message.value!.length).toBe(MAX_CALL_RECORD_BYTES + 1);
    expect(await stored(small.callId)).toBe(false);

    const tooBig = call(2, 10);
    const refused = await producer
      .send({
        topic: Topics.CallRaw,
        messages: [{ key: tooBig.callId, value: Buffer.alloc(CALL_TOPIC_MAX_MESSAGE_BYTES, ' ') }],
      })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(refused).toBeInstanceOf(KafkaJSProtocolError);
    expect((refused as KafkaJSProtocolError).type).toBe('MESSAGE_TOO_LARGE');
  });

  it('publishes ten calls of 480,000 characters stored at once, over 5 MiB on one partition', async () => {
    // Ten calls over three partitions put at least four (≈6 MB) on one: one produce request
    // carrying them all would be refused by the broker for ever.
    const calls = Array.from({ length: 10 }, () => call(2000, 240));
    const res = await request(app.getHttpServer())
      .post('/api/v1/calls/batch')
      .use(asIdentity({ tenantId, role: 'qa' }))
      .send(calls);
    expect(res.status).toBe(200);
    expect(res.body.results.map((i: { status: string }) => i.status)).toEqual(
      calls.map(() => 'accepted'),
    );
    const published = await waitFor(
      'all ten on qa.call.ingested.v1',
      () => {
        const got = calls.map((c) => recorder.withKey(Topics.CallIngested, c.callId)[0]);
        return got.every(Boolean) ? got : undefined;
      },
      { timeoutMs: 90_000 },
    );
    const perPartition = new Map<number, number>();
    for (const m of published)
      perPartition.set(m.partition, (perPartition.get(m.partition) ?? 0) + m.message.value!.length);
    expect(Math.max(...perPartition.values())).toBeGreaterThan(CALL_TOPIC_MAX_MESSAGE_BYTES);
  });
});
