import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { CallIngested, dlqTopic, DlqHeader, EventHeader, Topics } from '@qa/contracts';
import { closeKafkaLeftovers } from '@qa/messaging';
import { createService } from '@qa/platform';
import {
  asIdentity,
  brokerControl,
  sampleCall,
  sleep,
  startKafkaProbe,
  TopicRecorder,
  waitFor,
} from '@qa/testing';
import { Kafka, Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule as IngestionModule } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';
import { AppModule as ScoringModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';

/** The spine: HTTP → ingestion → outbox → Kafka → scoring inbox, against the real servers. */
describe('call pipeline (ingestion → Kafka → scoring)', () => {
  const tenantId = `t-${randomUUID().slice(0, 8)}`;
  const headers = asIdentity({ tenantId, role: 'qa' });
  let ingestion: INestApplication;
  let scoring: INestApplication;
  let kafka: Kafka;
  let producer: Producer;
  let recorder: TopicRecorder;
  let db: DataSource;

  const call = (callId: string) =>
    sampleCall({
      callId,
      tenantId,
      agentId: 'a-1001',
      teamId: 't-01',
      customer: { phone: '13800138000', id: 'u-77' },
      segments: [
        { speaker: 'agent', startMs: 0, endMs: 2800, text: '您好,XX公司,工号1001,很高兴为您服务' },
      ],
    });

  const post = (body: object) =>
    request(ingestion.getHttpServer()).post('/api/v1/calls').use(headers).send(body);

  const scoringRows = async (callId: string) =>
    Number(
      (
        (await db.query(
          'SELECT count(*)::int AS n FROM scoring.calls WHERE tenant_id = $1 AND call_id = $2',
          [tenantId, callId],
        )) as { n: number }[]
      )[0].n,
    );

  const inboxRows = async (callId: string) =>
    Number(
      (
        (await db.query(
          `SELECT count(*)::int AS n FROM scoring.inbox i JOIN ingestion.outbox o ON o.event_id::text = i.event_id
         WHERE o.key = $1`,
          [callId],
        )) as { n: number }[]
      )[0].n,
    );

  beforeAll(async () => {
    ingestion = await createService(IngestionModule, ingestionServiceOptions);
    await ingestion.listen(0);
    scoring = await createService(ScoringModule, scoringServiceOptions);
    await scoring.listen(0);
    db = ingestion.get(DataSource);
    ({ kafka, producer, recorder } = await startKafkaProbe('pipeline-test', [
      Topics.CallIngested,
      dlqTopic(Topics.CallIngested),
    ]));
  });

  afterAll(async () => {
    await recorder?.stop();
    await producer?.disconnect();
    // The broker restarted in this suite: the recorder's coordinator connection outlives disconnect().
    if (kafka) await closeKafkaLeftovers(kafka);
    await scoring?.close();
    await ingestion?.close();
  });

  it('delivers a call exactly once even when the same POST is sent twice', async () => {
    const body = call(`c-${randomUUID()}`);
    const first = await post(body);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ callId: body.callId, status: 'accepted' });
    const second = await post(body);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ callId: body.callId, status: 'duplicate' });

    await waitFor('scoring to store the call', async () => (await scoringRows(body.callId)) === 1);
    await sleep(1500); // room for a wrongly duplicated delivery to show up
    expect(recorder.withKey(Topics.CallIngested, body.callId)).toHaveLength(1);
    expect(await scoringRows(body.callId)).toBe(1);
    expect(await inboxRows(body.callId)).toBe(1);
  });

  it('answers 409 naming the fields when the same callId comes with a different body', async () => {
    const body = call(`c-${randomUUID()}`);
    expect((await post(body)).status).toBe(201);
    const changed = await post({ ...body, agentId: 'a-2002' });
    expect(changed.status).toBe(409);
    expect(changed.headers['content-type']).toContain('application/problem+json');
    expect(changed.body.differingFields).toEqual(['agentId']);
  });

  it('redelivery of the same event is a no-op (inbox)', async () => {
    const body = call(`c-${randomUUID()}`);
    expect((await post(body)).status).toBe(201);
    const [original] = await waitFor('the event on the wire', () => {
      const got = recorder.withKey(Topics.CallIngested, body.callId);
      return got.length > 0 ? got : undefined;
    });
    await waitFor('scoring to store the call', async () => (await scoringRows(body.callId)) === 1);
    // Replay the exact message, as a producer retry or a rebalance would.
    await producer.send({
      topic: Topics.CallIngested,
      messages: [
        { key: body.callId, value: original.message.value, headers: original.message.headers },
      ],
    });
    await waitFor(
      'the replay to be consumed',
      () => recorder.withKey(Topics.CallIngested, body.callId).length === 2,
    );
    await sleep(1500);
    expect(await inboxRows(body.callId)).toBe(1);
    expect(await scoringRows(body.callId)).toBe(1);
  });

  it('sends undecodable and invalid messages to the DLQ with the reason, and keeps consuming', async () => {
    const badKey = `bad-${randomUUID()}`;
    const invalidKey = `invalid-${randomUUID()}`;
    const meta = (key: string) => ({
      [EventHeader.EventId]: randomUUID(),
      [EventHeader.EventType]: Topics.CallIngested,
      [EventHeader.OccurredAt]: new Date().toISOString(),
      [EventHeader.TenantId]: tenantId,
      [EventHeader.TraceId]: key,
    });
    await producer.send({
      topic: Topics.CallIngested,
      messages: [
        { key: badKey, value: Buffer.from([0xff, 0xff, 0xff, 0x0f, 0x01]), headers: meta(badKey) },
        {
          key: invalidKey,
          value: Buffer.from(
            CallIngested.encode({ call: undefined, ingestedAt: '2026-11-22T01:00:00Z' }).finish(),
          ),
          headers: meta(invalidKey),
        },
        { key: `noid-${badKey}`, value: Buffer.from('x') },
      ],
    });
    const good = call(`c-${randomUUID()}`);
    expect((await post(good)).status).toBe(201);

    const dlq = dlqTopic(Topics.CallIngested);
    const [bad] = await waitFor('undecodable message in the DLQ', () => {
      const got = recorder.withKey(dlq, badKey);
      return got.length ? got : undefined;
    });
    expect(bad.message.headers?.[DlqHeader.Reason]?.toString()).toMatch(/undecodable|invalid/);
    expect(bad.message.headers?.[DlqHeader.OriginalTopic]?.toString()).toBe(Topics.CallIngested);
    expect(bad.message.headers?.[DlqHeader.OriginalOffset]).toBeDefined();
    const [invalid] = await waitFor('invalid message in the DLQ', () => {
      const got = recorder.withKey(dlq, invalidKey);
      return got.length ? got : undefined;
    });
    expect(invalid.message.headers?.[DlqHeader.Reason]?.toString()).toContain('call is missing');
    const [noId] = await waitFor('message without event-id in the DLQ', () => {
      const got = recorder.withKey(dlq, `noid-${badKey}`);
      return got.length ? got : undefined;
    });
    expect(noId.message.headers?.[DlqHeader.Reason]?.toString()).toContain(EventHeader.EventId);
    await waitFor(
      'the good call after the bad ones',
      async () => (await scoringRows(good.callId)) === 1,
    );
  });

  it('delivers an event written while the broker is down once it is back', async () => {
    await brokerControl.stop();
    const body = call(`c-${randomUUID()}`);
    try {
      const res = await post(body);
      expect(res.status).toBe(201);
      const pending = (await db.query('SELECT sent_at FROM ingestion.outbox WHERE key = $1', [
        body.callId,
      ])) as {
        sent_at: Date | null;
      }[];
      expect(pending).toHaveLength(1);
      expect(pending[0].sent_at).toBeNull();
      await sleep(2000);
      expect(await scoringRows(body.callId)).toBe(0);
    } finally {
      await brokerControl.start();
    }
    await waitFor(
      'delivery after the broker restart',
      async () => (await scoringRows(body.callId)) === 1,
      {
        timeoutMs: 90_000,
        intervalMs: 500,
      },
    );
    await sleep(1500);
    expect(await scoringRows(body.callId)).toBe(1);
    expect(await inboxRows(body.callId)).toBe(1);
    const sent = (await db.query(
      'SELECT count(*)::int AS n FROM ingestion.outbox WHERE key = $1 AND sent_at IS NOT NULL',
      [body.callId],
    )) as { n: number }[];
    expect(sent[0].n).toBe(1);
  });
});
