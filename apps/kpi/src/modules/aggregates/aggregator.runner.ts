import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { StreamHub } from '../stream/stream.hub';
import { AggregationService } from './aggregation.service';
import { KpiUpdatesPublisher } from './kpi-updates.publisher';

const BATCH_MINUTES = 2000;
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * The aggregation loop. Every tick takes what the consumers marked stale and recomputes it, so
 * however many events arrive, a bucket changes at most once a tick: that is the coalescing.
 */
@Injectable()
export class AggregatorRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AggregatorRunner.name);
  private readonly intervalMs: number;
  private readonly retentionHours: number;
  private stopped = false;
  private running?: Promise<void>;
  private wakeUp?: () => void;
  private lastPrune = 0;

  constructor(
    config: ConfigService,
    private readonly dataSource: DataSource,
    private readonly aggregation: AggregationService,
    private readonly publisher: KpiUpdatesPublisher,
    private readonly hub: StreamHub,
  ) {
    this.intervalMs = config.getOrThrow<number>('KPI_TICK_MS');
    this.retentionHours = config.getOrThrow<number>('KPI_UPDATES_RETENTION_HOURS');
  }

  onApplicationBootstrap(): void {
    this.running = this.loop();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.running;
  }

  /** One tick now (tests and the bench use it to settle). */
  async tick(): Promise<number> {
    const { minutes, changed } = await this.dataSource.transaction(async (m) => {
      const r = await this.aggregation.recomputeStale(m, BATCH_MINUTES);
      await this.publisher.publish(m, r.changed, 'kpi-aggregator');
      return r;
    });
    if (changed.length) {
      this.publisher.wake();
      this.hub.wake();
    }
    return minutes;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      let minutes = 0;
      try {
        minutes = await this.tick();
        failures = 0;
        if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) await this.prune();
      } catch (err) {
        if (failures++ % 20 === 0)
          this.logger.warn({ err: (err as Error).message }, 'aggregation failed; retrying');
      }
      if (minutes < BATCH_MINUTES && !this.stopped) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(
            resolve,
            failures ? Math.min(5000, this.intervalMs * 2 ** failures) : this.intervalMs,
          );
          this.wakeUp = () => (clearTimeout(t), resolve());
        });
        this.wakeUp = undefined;
      }
    }
  }

  private async prune(): Promise<void> {
    this.lastPrune = Date.now();
    await this.dataSource.query(
      `DELETE FROM kpi.kpi_updates WHERE created_at < now() - make_interval(hours => $1)`,
      [this.retentionHours],
    );
  }
}
