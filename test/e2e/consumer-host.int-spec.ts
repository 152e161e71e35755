import { randomUUID } from 'node:crypto';
import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DlqHeader, dlqTopic } from '@qa/contracts';
import { createKafka, DecodeResult, EventOptions } from '@qa/messaging';
import { createService } from '@qa/platform';
import { ServiceCoreModule } from '@qa/service-core';
import { asIdentity, sleep, TopicRecorder, waitFor } from '@qa/testing';
import { Kafka, Producer } from 'kafkajs';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { KpiEnv } from '../../apps/kpi/src/config/kpi.env';
import { migrations } from '../../apps/kpi/src/migrations';

const TOPIC = 'qa.test.consumer-host.v1';

/** A raw topic's decoder that throws on some payloads, as a future decoder might. */
function fragileDecode(value: Buffer | null): DecodeResult<string> {
  const text = value?.toString('utf8') ?? '';
  if (text.startsWith('throw')) throw new TypeError(`cannot read ${text} (secret 13800138000)`);
  return { ok: true, value: text };
}

@Controller()
class FragileConsumer {
  readonly handled: string[] = [];

  @EventPattern(TOPIC, { decode: fragileDecode } satisfies EventOptions<string>)
  async handle(@Payload() text: string): Promise<void> {
    this.handled.push(text);
  }
}

/** A route that needs the database, to see what HTTP callers get during an outage. */
@Controller('probe')
class ProbeController {
  constructor(private readonly db: DataSource) {}

  @Get()
  async probe(): Promise<{ ok: boolean }> {
    await this.db.query('SELECT 1');
    return { ok: true };
  }
}

@Module({
  controllers: [ProbeController, FragileConsumer],
  imports: [
    ServiceCoreModule.forRoot({
      name: 'consumer-host-test',
      schema: 'kpi',
      env: KpiEnv,
      entities: [],
      migrations,
      produces: [],
    }),
  ],
})
class FragileModule {}

/** The consumer host against the real broker: nothing a decoder does can stall a partition. */
describe('event consumer host', () => {
  let app: INestApplication;
  let kafka: Kafka;
  let producer: Producer;
  let recorder: TopicRecorder;

  beforeAll(async () => {
    app = await createService(FragileModule, { name: 'consumer-host-test' });
    await app.listen(0);
    kafka = createKafka('consumer-host-test-client', process.env.KAFKA_BROKERS!.split(','));
    producer = kafka.producer();
    await producer.connect();
    recorder = new TopicRecorder(kafka, [dlqTopic(TOPIC)]);
    await recorder.start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await producer?.disconnect();
    await app?.close();
  });

  it('dead-letters a message whose decoder throws, without its payload in the reason, and goes on', async () => {
    const run = randomUUID();
    await producer.send({
      topic: TOPIC,
      messages: [
        { key: run, partition: 0, value: `throw ${run}` },
        { key: run, partition: 0, value: `ok ${run}` },
      ],
    });
    const consumer = app.get(FragileConsumer);
    await waitFor('the message after the bad one handled', () =>
      consumer.handled.includes(`ok ${run}`),
    );
    const [dead] = await waitFor('the bad message in the DLQ', () => {
      const got = recorder.withKey(dlqTopic(TOPIC), run);
      return got.length > 0 ? got : undefined;
    });
    const reason = dead.message.headers?.[DlqHeader.Reason]?.toString() ?? '';
    expect(reason).toBe('the decoder failed (TypeError)');
    expect(dead.message.value?.toString()).toBe(`throw ${run}`);
    expect(consumer.handled).not.toContain(`throw ${run}`);
  });

  it('waits out a database outage: dead-letters nothing, answers HTTP 503 with Retry-After', async () => {
    // A real outage: the test database refuses connections and its sessions are ended, for longer
    // than a message's retry budget (about 3 s); a message sent meanwhile must wait, not be lost.
    const url = new URL(process.env.DATABASE_URL!);
    const database = decodeURIComponent(url.pathname.slice(1));
    url.pathname = '/postgres';
    const admin = new Client({ connectionString: url.toString() });
    await admin.connect();
    const run = randomUUID();
    const consumer = app.get(FragileConsumer);
    try {
      await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS false`);
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      await producer.send({ topic: TOPIC, messages: [{ key: run, value: `ok ${run}` }] });
      const probe = await request(app.getHttpServer())
        .get('/probe')
        .use(asIdentity({ tenantId: 't-probe' }));
      expect(probe.status).toBe(503);
      expect(probe.headers['content-type']).toContain('application/problem+json');
      expect(probe.headers['retry-after']).toBe('5');
      expect(probe.body).toMatchObject({ status: 503, title: 'Service unavailable' });
      await sleep(8000);
      expect(consumer.handled).not.toContain(`ok ${run}`);
    } finally {
      await admin.query(`ALTER DATABASE "${database}" WITH ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await waitFor('the message handled once the database is back', () =>
      consumer.handled.includes(`ok ${run}`),
    );
    const probe = await request(app.getHttpServer())
      .get('/probe')
      .use(asIdentity({ tenantId: 't-probe' }));
    expect(probe.status).toBe(200);
    expect(recorder.withKey(dlqTopic(TOPIC), run)).toEqual([]);
  });
});
