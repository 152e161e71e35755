import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { KAFKA, MESSAGING_OPTIONS, MessagingOptions } from '@qa/messaging';
import { Metrics } from '@qa/platform';
import type { Admin, Kafka } from 'kafkajs';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';

/**
 * Outbox backlog and age (from the service's own table) and its consumer group's lag per topic
 * and partition (from the broker), read when Prometheus scrapes: nothing runs between scrapes.
 */
@Injectable()
export class MessagingMetrics implements OnModuleDestroy {
  private readonly logger = new Logger(MessagingMetrics.name);
  private admin?: Admin;

  constructor(
    metrics: Metrics,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MESSAGING_OPTIONS) private readonly opts: MessagingOptions,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {
    const registers = [metrics.registry];
    const outbox = this.outbox.bind(this);
    const lagOf = this.lag.bind(this);
    new Gauge({
      name: 'qa_outbox_backlog',
      help: 'Events written to the outbox and not yet published',
      registers,
      async collect(this: Gauge) {
        this.set((await outbox()).backlog);
      },
    });
    new Gauge({
      name: 'qa_outbox_oldest_age_seconds',
      help: 'Age of the oldest unpublished outbox event (0 when none)',
      registers,
      async collect(this: Gauge) {
        this.set((await outbox()).age);
      },
    });
    new Gauge({
      name: 'qa_consumer_lag',
      help: "Messages not yet consumed by this service's consumer group, per topic and partition",
      labelNames: ['group', 'topic', 'partition'],
      registers,
      async collect(this: Gauge<'group' | 'topic' | 'partition'>) {
        this.reset();
        for (const l of await lagOf()) this.set(l.labels, l.value);
      },
    });
  }

  private cached?: Promise<{ backlog: number; age: number }>;

  /** One query per scrape for both outbox gauges. */
  private outbox(): Promise<{ backlog: number; age: number }> {
    this.cached ??= this.db
      .query<{ n: number; age: number | null }[]>(
        `SELECT count(*)::int AS n, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS age
           FROM ${this.opts.schema}.outbox WHERE sent_at IS NULL`,
      )
      .then(([r]) => ({ backlog: r.n, age: r.age ?? 0 }))
      .finally(() => setTimeout(() => (this.cached = undefined), 500).unref());
    return this.cached;
  }

  private async lag(): Promise<{ labels: Record<string, string>; value: number }[]> {
    const groupId = this.opts.groupId ?? this.opts.service;
    try {
      if (!this.admin) {
        this.admin = this.kafka.admin();
        await this.admin.connect();
      }
      const out: { labels: Record<string, string>; value: number }[] = [];
      for (const t of await this.admin.fetchOffsets({ groupId })) {
        const ends = await this.admin.fetchTopicOffsets(t.topic);
        for (const p of t.partitions) {
          const end = ends.find((e) => e.partition === p.partition);
          if (!end) continue;
          const committed = Number(p.offset) >= 0 ? Number(p.offset) : Number(end.low);
          out.push({
            labels: { group: groupId, topic: t.topic, partition: String(p.partition) },
            value: Math.max(0, Number(end.high) - committed),
          });
        }
      }
      return out;
    } catch (err) {
      // A scrape during a broker outage still answers; the lag series pause.
      this.logger.debug(`consumer lag unavailable: ${(err as Error).message}`);
      return [];
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }
}
