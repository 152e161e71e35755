import { randomUUID } from 'node:crypto';
import { Controller, INestApplication, Module } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  dlqTopic,
  DlqHeader,
  EventHeader,
  TenantUpserted,
  Topics,
  validateTenantUpserted,
} from '@qa/contracts';
import { ChunkContext, ChunkItem, createKafka, EventOptions } from '@qa/messaging';
import { createService } from '@qa/platform';
import { ServiceCoreModule } from '@qa/service-core';
import { TopicRecorder, waitFor } from '@qa/testing';
import { Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { KpiEnv } from '../../apps/kpi/src/config/kpi.env';
import { migrations } from '../../apps/kpi/src/migrations';

const EFFECTS = 'consumer_batch_test.effects';

/** A set-based consumer writing one row per event it is handed; no unique key, so a second
 * application of the same event would show as a second row. */
@Controller()
class TenantBatchConsumer {
  /** Sizes of the chunks handed over (test events only). */
  readonly chunkSizes: number[] = [];

  @EventPattern(Topics.TenantUpserted, {
    chunk: true,
    validate: validateTenantUpserted,
  } satisfies EventOptions<TenantUpserted>)
  async handle(
    @Payload() items: ChunkItem<TenantUpserted>[],
    @Ctx() { manager }: ChunkContext,
  ): Promise<void> {
    // Other tests publish tenants on the same topic: only this test's are ours.
    const ours = items.filter((i) => i.event.tenantId.startsWith('bt-'));
    if (ours.length === 0) return;
    await manager.query(
      `INSERT INTO ${EFFECTS} (event_id, tenant_id) SELECT * FROM unnest($1::text[], $2::text[])`,
      [ours.map((i) => i.meta.eventId), ours.map((i) => i.event.tenantId)],
    );
    if (ours.some((i) => i.event.tenantId.endsWith('-poison'))) throw new Error('poison tenant');
    this.chunkSizes.push(ours.length);
  }
}

@Module({
  imports: [
    ServiceCoreModule.forRoot({
      name: 'consumer-batch-test',
      schema: 'kpi',
      env: KpiEnv,
      entities: [],
      migrations,
      produces: [],
    }),
  ],
  controllers: [TenantBatchConsumer],
})
class BatchModule {}

/** A chunk handler against the real broker and database: one claim a chunk, exactly-once, DLQ intact. */
describe('event consumer host, set-based handlers', () => {
  let app: INestApplication;
  let db: DataSource;
  let kafka: Kafka;
  let producer: Producer;
  let recorder: TopicRecorder;

  const message = (eventId: string, tenantId: string) => ({
    key: tenantId,
    partition: 0,
    value: Buffer.from(
      TenantUpserted.encode({
        tenantId,
        name: tenantId,
        companyName: 'Batch Co',
        secondsPerRing: 3,
        timezone: 'Asia/Shanghai',
      }).finish(),
    ),
    headers: {
      [EventHeader.EventId]: eventId,
      [EventHeader.EventType]: Topics.TenantUpserted,
      [EventHeader.OccurredAt]: new Date().toISOString(),
      [EventHeader.TenantId]: tenantId,
    },
  });

  const applied = async (tenantPrefix: string) =>
    (await db.query(
      `SELECT event_id, count(*)::int AS n FROM ${EFFECTS} WHERE tenant_id LIKE $1 || '%'
       GROUP BY event_id`,
      [tenantPrefix],
    )) as { event_id: string; n: number }[];

  beforeAll(async () => {
    app = await createService(BatchModule, { name: 'consumer-batch-test' });
    db = app.get(DataSource);
    await db.query('CREATE SCHEMA IF NOT EXISTS consumer_batch_test');
    await db.query(
      `CREATE TABLE IF NOT EXISTS ${EFFECTS} (event_id text NOT NULL, tenant_id text NOT NULL)`,
    );
    await app.listen(0);
    kafka = createKafka('consumer-batch-test-client', process.env.KAFKA_BROKERS!.split(','));
    producer = kafka.producer();
    await producer.connect();
    recorder = new TopicRecorder(kafka, [dlqTopic(Topics.TenantUpserted)]);
    await recorder.start();
  });

  afterAll(async () => {
    await recorder?.stop();
    await producer?.disconnect();
    await app?.close();
  });

  it('applies duplicates within and across chunks once and dead-letters a poison event alone', async () => {
    const run = `bt-${randomUUID().slice(0, 8)}`;
    const ids: string[] = Array.from({ length: 6 }, () => randomUUID());
    const poisonId: string = randomUUID();
    const invalidId: string = randomUUID();
    // One send to one partition: fetched together, handed over as one chunk.
    await producer.send({
      topic: Topics.TenantUpserted,
      messages: [
        message(ids[0], `${run}-0`),
        message(ids[1], `${run}-1`),
        message(ids[1], `${run}-1`),
        message(ids[2], `${run}-2`),
        message(poisonId, `${run}-poison`),
        message(invalidId, ''),
        message(ids[0], `${run}-0`),
        message(ids[3], `${run}-3`),
      ],
    });
    const consumer = app.get(TenantBatchConsumer);
    await waitFor('the good events of the first send applied', async () =>
      (await applied(run)).length === 4 ? true : undefined,
    );
    const dead = await waitFor('the poison and the invalid event dead-lettered', () => {
      const got = recorder.messages.filter((m) =>
        [poisonId, invalidId].includes(m.message.headers?.[EventHeader.EventId]?.toString() ?? ''),
      );
      return got.length === 2 ? got : undefined;
    });
    const reason = (id: string) =>
      dead
        .find((m) => m.message.headers?.[EventHeader.EventId]?.toString() === id)
        ?.message.headers?.[DlqHeader.Reason]?.toString();
    expect(reason(poisonId)).toBe('5 attempt(s) failed: poison tenant');
    expect(reason(invalidId)).toMatch(/^invalid: /);

    // Redelivered in a later chunk: already claimed, not handed over again.
    await producer.send({
      topic: Topics.TenantUpserted,
      messages: [
        message(ids[0], `${run}-0`),
        message(ids[3], `${run}-3`),
        message(ids[4], `${run}-4`),
        message(ids[5], `${run}-5`),
      ],
    });
    await waitFor('the new events of the second send applied', async () =>
      (await applied(run)).length === 6 ? true : undefined,
    );
    const rows = await applied(run);
    expect(rows.map((r) => r.event_id).sort()).toEqual([...ids].sort());
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // Set-based: some chunk carried several events at once (the first fallback is one by one).
    expect(Math.max(...consumer.chunkSizes)).toBeGreaterThan(1);
    // Only the poison and the invalid one of this run's events (other specs dead-letter theirs).
    const ours = new Set([...ids, poisonId, invalidId]);
    expect(
      recorder.messages.filter((m) =>
        ours.has(m.message.headers?.[EventHeader.EventId]?.toString() ?? ''),
      ),
    ).toHaveLength(2);
  });
});
