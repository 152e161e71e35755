import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ContributionsRepository } from '../facts/contributions.repository';
import { FactsRepository } from '../facts/facts.repository';
import { DEFAULT_TIMEZONE, nextBucket } from '../kpis/domain/time-buckets';
import { AggregatesRepository, BucketKey, ChangedRow } from './aggregates.repository';
import { SUM_COLUMNS } from './component-columns';
import { bucketsOfMinutes } from './contribution-delta';

const keyOf = (
  r: { tenant_id: string; window: string; scope: string; scope_id: string },
  start: Date,
) => [r.tenant_id, r.window, r.scope, r.scope_id, new Date(start).getTime()].join('\u0000');

/**
 * Folds the deltas the consumers queued into the minute, hour, day and month buckets of every
 * scope (adding, never recomputing from all the facts), and re-derives contributions where a
 * stale mark asks for it.
 */
@Injectable()
export class AggregationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly aggregates: AggregatesRepository,
    private readonly facts: FactsRepository,
    private readonly contributions: ContributionsRepository,
  ) {}

  /**
   * Folds the deltas of up to `limit` minutes. Answers the minutes taken and every bucket that
   * changed (or went), in its latest state.
   */
  async aggregatePending(
    m: EntityManager,
    limit: number,
  ): Promise<{ minutes: number; changed: ChangedRow[] }> {
    await this.aggregates.lockAggregation(m);
    const pending = await this.aggregates.pendingMinutes(m, limit);
    if (pending.length === 0) return { minutes: 0, changed: [] };
    const zones = await this.facts.timezones(
      m,
      pending.map((p) => p.tenant_id),
    );
    const folded = await this.aggregates.fold(m, bucketsOfMinutes(pending, zones));
    const withEnd = (keys: BucketKey[]) =>
      keys.map((k) => ({
        ...k,
        bucket_end: new Date(
          nextBucket(
            new Date(k.bucket_start).getTime(),
            k.window,
            zones.get(k.tenant_id) ?? DEFAULT_TIMEZONE,
          ),
        ),
      }));
    // All sums at zero: nothing counts there any more.
    const empty = folded.changed.filter((r) => SUM_COLUMNS.every((c) => Number(r[c]) === 0));
    const latest = new Map<string, ChangedRow>();
    for (const batch of [
      folded.changed,
      await this.aggregates.deleteEmpty(m, empty),
      await this.aggregates.refreshMedians(m, withEnd(folded.medians)),
      await this.aggregates.refreshTeams(m, withEnd(folded.teams)),
    ])
      for (const r of batch) latest.set(keyOf(r, r.bucket_start), r);
    return { minutes: pending.length, changed: [...latest.values()] };
  }

  /**
   * Re-derives the contributions of every unit with facts in the minutes stale marks name (a
   * migration that changes what a fact adds marks them), in its own transaction: it holds the
   * tenants, which a tick must not (a time-zone change holds a tenant, then waits for the tick).
   */
  async refreshStale(limit: number): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const { marks, minutes } = await this.aggregates.takeStale(m, limit);
      if (minutes.length === 0) return 0;
      await this.facts.lockTenants(
        m,
        minutes.map((x) => x.tenant_id),
      );
      const units = await this.contributions.unitsIn(
        m,
        minutes.map((x) => ({
          tenant_id: x.tenant_id,
          from: x.minute,
          to: new Date(x.minute.getTime() + 60_000),
        })),
      );
      await this.contributions.refresh(m, units);
      return marks;
    });
  }
}
