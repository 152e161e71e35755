import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AGGREGATION_LOCK, ContributionsRepository } from '../facts/contributions.repository';
import { FactsRepository } from '../facts/facts.repository';
import { RecordFactsService } from '../facts/record-facts.service';
import {
  bucketStart,
  DEFAULT_TIMEZONE,
  KpiWindow,
  nextBucket,
  WINDOWS,
} from '../kpis/domain/time-buckets';
import { AggregatesRepository, Bucket } from './aggregates.repository';
import { AggregationService } from './aggregation.service';
import { KpiUpdatesPublisher } from './kpi-updates.publisher';

const CHUNK = 500;

export interface RebuildReport {
  tenants: string[];
  buckets: number;
  corrected: number;
  byWindow: Record<KpiWindow, number>;
  /** The first corrected buckets, for a person to look at. */
  examples: {
    tenantId: string;
    window: string;
    scope: string;
    id: string;
    bucketStart: string;
    removed: boolean;
  }[];
}

/**
 * Recomputes a period straight from the facts: first what is derived per call and ticket (and
 * what each adds to the aggregates), then every bucket of every window. A bucket that comes out
 * different from what was stored is a correction; it is written, streamed and published like
 * any update.
 */
@Injectable()
export class RebuildService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly aggregates: AggregatesRepository,
    private readonly aggregation: AggregationService,
    private readonly facts: FactsRepository,
    private readonly contributions: ContributionsRepository,
    private readonly record: RecordFactsService,
    private readonly publisher: KpiUpdatesPublisher,
  ) {}

  async rebuild(
    opts: { from: Date; to: Date; tenantId?: string },
    progress: (done: number, total: number, stage: string) => void = () => undefined,
  ): Promise<RebuildReport> {
    const m = this.dataSource.manager;
    const tenants = opts.tenantId ? [opts.tenantId] : await this.facts.allTenants(m);
    const zones = await this.facts.timezones(m, tenants);
    const plan: { window: KpiWindow; buckets: Bucket[] }[] = [];
    for (const tenantId of tenants) {
      const tz = zones.get(tenantId) ?? DEFAULT_TIMEZONE;
      const keys = await this.facts.keysInPeriod(m, tenantId, opts.from, opts.to);
      await this.dataSource.transaction(async (t) => {
        await this.facts.lockTenants(t, [tenantId]);
        if (keys.calls.length) await this.facts.deriveCallScores(t, keys.calls);
        await this.record.deriveTickets(t, keys.tickets);
        await this.contributions.refresh(
          t,
          await this.contributions.unitsIn(t, [
            { tenant_id: tenantId, from: opts.from, to: opts.to },
          ]),
        );
      });
      for (const window of WINDOWS) {
        const starts = new Set<number>();
        if (window === 'minute') {
          for (const d of await this.facts.factMinutes(m, tenantId, opts.from, opts.to))
            starts.add(d.getTime());
        } else {
          for (
            let s = bucketStart(opts.from.getTime(), window, tz);
            s < opts.to.getTime();
            s = nextBucket(s, window, tz)
          )
            starts.add(s);
        }
        for (const d of await this.aggregates.storedBuckets(m, {
          tenantId,
          window,
          from: opts.from,
          to: opts.to,
        }))
          starts.add(d.getTime());
        plan.push({
          window,
          buckets: [...starts]
            .sort((a, b) => a - b)
            .map((s) => ({
              tenantId,
              start: new Date(s),
              end: new Date(nextBucket(s, window, tz)),
            })),
        });
      }
    }
    const total = plan.reduce((n, p) => n + p.buckets.length, 0);
    const report: RebuildReport = {
      tenants,
      buckets: total,
      corrected: 0,
      byWindow: { minute: 0, hour: 0, day: 0, month: 0 },
      examples: [],
    };
    let done = 0;
    for (const { window, buckets } of plan) {
      for (let i = 0; i < buckets.length; i += CHUNK) {
        const chunk = buckets.slice(i, i + CHUNK);
        const changed = await this.asOnlyAggregator(async (t) => {
          // What waits to be folded first: the rewrite below sees the facts behind it.
          for (;;) {
            const pending = await this.aggregation.aggregatePending(t, CHUNK);
            await this.publisher.publish(t, pending.changed, 'kpi-rebuild');
            if (pending.minutes < CHUNK) break;
          }
          const rows = await this.aggregates.rebuild(t, window, chunk);
          await this.publisher.publish(t, rows, 'kpi-rebuild');
          return rows;
        });
        report.corrected += changed.length;
        report.byWindow[window] += changed.length;
        for (const r of changed.slice(0, Math.max(0, 20 - report.examples.length)))
          report.examples.push({
            tenantId: r.tenant_id,
            window: r.window,
            scope: r.scope,
            id: r.scope_id,
            bucketStart: new Date(r.bucket_start).toISOString(),
            removed: r.gone,
          });
        done += chunk.length;
        progress(done, total, `${chunk[0].tenantId} ${window}`);
      }
    }
    this.publisher.wake();
    return report;
  }

  /**
   * Runs `work` holding the aggregation lock from before its snapshot (repeatable read): the
   * deltas it folds and the facts it rewrites from are of one instant, so no delta committed
   * meanwhile is counted twice (once in a rewrite, once folded later).
   */
  private async asOnlyAggregator<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    const q = this.dataSource.createQueryRunner();
    await q.connect();
    try {
      await q.query(`SELECT pg_advisory_lock(${AGGREGATION_LOCK})`);
      try {
        await q.startTransaction('REPEATABLE READ');
        try {
          const result = await work(q.manager);
          await q.commitTransaction();
          return result;
        } catch (err) {
          await q.rollbackTransaction();
          throw err;
        }
      } finally {
        await q.query(`SELECT pg_advisory_unlock(${AGGREGATION_LOCK})`);
      }
    } finally {
      await q.release();
    }
  }
}
