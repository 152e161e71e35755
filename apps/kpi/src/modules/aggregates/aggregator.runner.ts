import {
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { EventConsumerHost } from '@qa/messaging';
import { DataSource } from 'typeorm';
import { StreamHub } from '../stream/stream.hub';
import { AggregationService } from './aggregation.service';
import { KpiUpdatesPublisher } from './kpi-updates.publisher';

const BATCH_MINUTES = 2000;
const PRUNE_EVERY_MS = 10 * 60_000;

/**
 * The aggregation loop. Each commit of the consumers wakes it; a tick folds the deltas they
 * queued into the buckets. Ticks are at least KPI_TICK_MS apart, so however many events arrive, a
 * bucket changes at most once a tick: that is the coalescing. Idle, it only polls every
 * KPI_IDLE_POLL_MS, for facts another instance's consumers committed.
 */
@Injectable()
export class AggregatorRunner implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AggregatorRunner.name);
  private readonly intervalMs: number;
  private readonly idlePollMs: number;
  private readonly retentionHours: number;
  private stopped = false;
  private running?: Promise<void>;
  /** A commit came in since the last tick began: tick again (a wake during a tick is not lost). */
  private woken = false;
  private waiting?: { done: () => void; onWake: boolean };
  private lastPrune = 0;

  constructor(
    config: ConfigService,
    private readonly dataSource: DataSource,
    private readonly aggregation: AggregationService,
    private readonly publisher: KpiUpdatesPublisher,
    private readonly hub: StreamHub,
    private readonly host: EventConsumerHost,
  ) {
    this.intervalMs = config.getOrThrow<number>('KPI_TICK_MS');
    this.idlePollMs = config.getOrThrow<number>('KPI_IDLE_POLL_MS');
    this.retentionHours = config.getOrThrow<number>('KPI_UPDATES_RETENTION_HOURS');
  }

  onModuleInit(): void {
    this.host.onCommitted(() => this.wake());
  }

  onApplicationBootstrap(): void {
    this.running = this.loop();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.waiting?.done();
    await this.running;
  }

  /** New facts are committed: aggregate them now (or right after the tick under way). */
  wake(): void {
    this.woken = true;
    if (this.waiting?.onWake) this.waiting.done();
  }

  /** One tick now (tests and the bench use it to settle). */
  async tick(): Promise<number> {
    const marks = await this.aggregation.refreshStale(BATCH_MINUTES);
    const { minutes, changed } = await this.dataSource.transaction(async (m) => {
      const r = await this.aggregation.aggregatePending(m, BATCH_MINUTES);
      await this.publisher.publish(m, r.changed, 'kpi-aggregator');
      return r;
    });
    if (changed.length) {
      this.publisher.wake();
      this.hub.wake();
    }
    return marks + minutes;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const startedAt = Date.now();
      this.woken = false;
      let minutes = 0;
      try {
        minutes = await this.tick();
        failures = 0;
        if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) await this.prune();
      } catch (err) {
        if (failures++ % 20 === 0)
          this.logger.warn({ err: (err as Error).message }, 'aggregation failed; retrying');
      }
      if (this.stopped || (minutes >= BATCH_MINUTES && !failures)) continue;
      if (failures) await this.sleep(Math.min(5000, this.intervalMs * 2 ** failures), false);
      else if (!this.woken) await this.sleep(this.idlePollMs, true);
      // Woken early: wait out the rest of the tick, so a burst is one recompute, not many.
      await this.sleep(startedAt + this.intervalMs - Date.now(), false);
    }
  }

  /** Sleeps `ms`; a stop always ends it, a commit only when `onWake`. */
  private async sleep(ms: number, onWake: boolean): Promise<void> {
    if (ms <= 0 || this.stopped) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.waiting = { done, onWake };
    });
    this.waiting = undefined;
  }

  private async prune(): Promise<void> {
    this.lastPrune = Date.now();
    await this.dataSource.query(
      `DELETE FROM kpi.kpi_updates WHERE created_at < now() - make_interval(hours => $1)`,
      [this.retentionHours],
    );
  }
}
