import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Call, Codecs, EventHeader, EventMap, EventTopic, Topics } from '@qa/contracts';
import { createKafka } from '@qa/messaging';
import { createService } from '@qa/platform';
import { waitFor } from '@qa/testing';
import { Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { kpiServiceOptions } from '../../apps/kpi/src/kpi.options';
import { AggregatorRunner } from '../../apps/kpi/src/modules/aggregates/aggregator.runner';

export interface Sent<K extends EventTopic = EventTopic> {
  topic: K;
  key: string;
  payload: EventMap[K];
  eventId: string;
  occurredAt: string;
  tenantId: string;
}

export function sent<K extends EventTopic>(
  topic: K,
  key: string,
  payload: EventMap[K],
  tenantId: string,
  occurredAt = new Date().toISOString(),
): Sent<K> {
  return { topic, key, payload, tenantId, occurredAt, eventId: randomUUID() };
}

/**
 * An answered production call and its evaluation, as ingestion and scoring publish them: what kpi
 * counts for calls, QA score and handle time (answered → ended = handleSeconds).
 */
export function scoredCall(
  tenantId: string,
  agentId: string,
  startedAt: string,
  score: number,
  handleSeconds: number,
): Sent[] {
  const answered = Date.parse(startedAt) + 5_000;
  const call = Call.fromPartial({
    callId: `c-${randomUUID().slice(0, 8)}`,
    tenantId,
    direction: 1,
    purpose: 1,
    agentId,
    teamId: 't-1',
    customer: { phone: '', id: `u-${agentId}`, name: '' },
    startedAt,
    answeredAt: new Date(answered).toISOString(),
    endedAt: new Date(answered + handleSeconds * 1000).toISOString(),
    ringCount: 1,
    hangupBy: 1,
    csat: 4,
  });
  const { callId } = call;
  return [
    sent(Topics.CallIngested, callId, { call, ingestedAt: '' }, tenantId),
    sent(
      Topics.EvaluationScored,
      callId,
      {
        ...{ evaluationId: randomUUID(), callId, tenantId, agentId, teamId: 't-1', score },
        ...{ scorecardId: 'default', scorecardVersion: 1, grade: '', findings: [], sections: [] },
        ...{ callStartedAt: startedAt, answeredWithinThreeRings: true, forbiddenPhraseCount: 0 },
        ...{ csat: 4, handleSeconds, scorecardActive: true, callPurpose: 1 },
      },
      tenantId,
    ),
  ];
}

/** Sends each event as its producer would; a repeated entry is a redelivery (same event id). */
export async function publishSent(producer: Producer, events: Sent[]): Promise<void> {
  for (const e of events) {
    const codec = Codecs[e.topic] as (typeof Codecs)[EventTopic];
    await producer.send({
      topic: e.topic,
      messages: [
        {
          key: e.key,
          value: Buffer.from(codec.encode(e.payload as never).finish()),
          headers: {
            [EventHeader.EventId]: e.eventId,
            [EventHeader.EventType]: e.topic,
            [EventHeader.SchemaVersion]: '1',
            [EventHeader.OccurredAt]: e.occurredAt,
            [EventHeader.TenantId]: e.tenantId,
            [EventHeader.TraceId]: e.key,
          },
        },
      ],
    });
  }
}

/** The kpi service as main.ts runs it, a producer, and a way to wait until it has settled. */
export class KpiHarness {
  app!: INestApplication;
  kafka!: Kafka;
  producer!: Producer;

  async start(): Promise<void> {
    process.env.KPI_TICK_MS ??= '100';
    process.env.KPI_HEARTBEAT_MS ??= '500';
    // A minute: live updates in these tests can only come from the consumers' commits waking
    // the aggregator and the stream, not from their fallback poll.
    process.env.KPI_IDLE_POLL_MS ??= '60000';
    // Loaded now: the module validates the environment when it is first imported.
    const { AppModule } = await import('../../apps/kpi/src/app.module');
    this.app = await createService(AppModule, kpiServiceOptions);
    await this.app.listen(0);
    this.kafka = createKafka(
      `kpi-test-${randomUUID().slice(0, 8)}`,
      process.env.KAFKA_BROKERS!.split(','),
    );
    this.producer = this.kafka.producer();
    await this.producer.connect();
  }

  /** Closes the service and starts a new one on the same database (a restart). */
  async restart(): Promise<void> {
    await this.app.close();
    const { AppModule } = await import('../../apps/kpi/src/app.module');
    this.app = await createService(AppModule, kpiServiceOptions);
    await this.app.listen(0);
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
    await this.app?.close();
  }

  get db(): DataSource {
    return this.app.get(DataSource);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.app.getHttpServer().address() as { port: number }).port}`;
  }

  async publish(events: Sent[]): Promise<void> {
    await publishSent(this.producer, events);
  }

  /** Waits until every given event id is in the inbox, then runs ticks until nothing is stale. */
  async settle(eventIds: string[]): Promise<void> {
    const ids = [...new Set(eventIds)];
    await waitFor(
      `${ids.length} events in the kpi inbox`,
      async () => {
        const rows = (await this.db.query(
          `SELECT count(*)::int AS n FROM kpi.inbox WHERE event_id = ANY($1::text[])`,
          [ids],
        )) as { n: number }[];
        return rows[0].n === ids.length;
      },
      { timeoutMs: 90_000, intervalMs: 200 },
    );
    const runner = this.app.get(AggregatorRunner);
    while ((await runner.tick()) > 0);
  }
}
