import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { KpiUpdateRow, KpiUpdatesRepository, StreamFilter } from './kpi-updates.repository';

export interface Subscriber {
  filter: StreamFilter;
  send(row: KpiUpdateRow): void;
  /** Ends the stream (shutdown): the client reconnects elsewhere with Last-Event-ID. */
  end(): void;
}

const TAIL_PAGE = 5000;

/**
 * Follows the update sequence in id order and hands each row to the streams that asked for its
 * scope. One reader per process, however many streams are open.
 */
@Injectable()
export class StreamHub implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(StreamHub.name);
  private readonly subscribers = new Set<Subscriber>();
  private lastId = '0';
  private stopped = false;
  private running?: Promise<void>;
  private wakeUp?: () => void;
  private pending = false;
  /** This process's aggregator wakes the hub; another instance's cannot, so poll this often. */
  private readonly pollMs: number;

  constructor(
    config: ConfigService,
    private readonly dataSource: DataSource,
    private readonly updates: KpiUpdatesRepository,
  ) {
    this.pollMs = config.getOrThrow<number>('KPI_IDLE_POLL_MS');
  }

  async onApplicationBootstrap(): Promise<void> {
    this.lastId = await this.updates.lastId(this.dataSource.manager);
    this.running = this.loop();
  }

  async onModuleDestroy(): Promise<void> {
    for (const s of this.subscribers) s.end();
    this.stopped = true;
    this.wakeUp?.();
    await this.running;
  }

  /** The id the live feed has reached: a new stream's backlog ends here. */
  position(): string {
    return this.lastId;
  }

  subscribe(s: Subscriber): () => void {
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }

  wake(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.pending = false;
      let rows: KpiUpdateRow[] = [];
      try {
        rows = await this.updates.after(this.dataSource.manager, this.lastId, TAIL_PAGE);
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'reading updates failed');
      }
      for (const row of rows) {
        this.lastId = row.id;
        for (const s of this.subscribers) {
          const f = s.filter;
          if (
            f.tenantId === row.tenant_id &&
            f.scope === row.scope &&
            f.scopeId === row.scope_id &&
            (!f.window || f.window === row.window)
          )
            s.send(row);
        }
      }
      if (rows.length < TAIL_PAGE && !this.pending && !this.stopped) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, this.pollMs);
          this.wakeUp = () => (clearTimeout(t), resolve());
        });
        this.wakeUp = undefined;
      }
    }
  }
}
