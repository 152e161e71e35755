import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { FactsRepository } from '../facts/facts.repository';
import { bucketStart, DEFAULT_TIMEZONE, KpiWindow, nextBucket } from '../kpis/domain/time-buckets';
import { AggregatesRepository, Bucket, ChangedRow } from './aggregates.repository';

const CALENDAR: KpiWindow[] = ['hour', 'day', 'month'];

/** Recomputes stale minutes from the facts, then the hours, days and months that hold them. */
@Injectable()
export class AggregationService {
  constructor(
    private readonly aggregates: AggregatesRepository,
    private readonly facts: FactsRepository,
  ) {}

  async recomputeStale(
    m: EntityManager,
    limit: number,
  ): Promise<{ minutes: number; changed: ChangedRow[] }> {
    await this.aggregates.lockAggregation(m);
    const { marks, minutes: stale } = await this.aggregates.takeStale(m, limit);
    if (stale.length === 0) return { minutes: 0, changed: [] };
    const zones = await this.facts.timezones(
      m,
      stale.map((s) => s.tenant_id),
    );
    const changed: ChangedRow[] = [];
    const minutes: Bucket[] = stale.map((s) => ({
      tenantId: s.tenant_id,
      start: s.minute,
      end: new Date(s.minute.getTime() + 60_000),
    }));
    changed.push(...(await this.aggregates.recompute(m, 'minute', minutes)));
    for (const window of CALENDAR) {
      const buckets = new Map<string, Bucket>();
      for (const s of stale) {
        const tz = zones.get(s.tenant_id) ?? DEFAULT_TIMEZONE;
        const start = bucketStart(s.minute.getTime(), window, tz);
        buckets.set(`${s.tenant_id}\u0000${start}`, {
          tenantId: s.tenant_id,
          start: new Date(start),
          end: new Date(nextBucket(start, window, tz)),
        });
      }
      changed.push(...(await this.aggregates.recompute(m, window, [...buckets.values()])));
    }
    // Marks, not distinct minutes: a full take means more may be waiting.
    return { minutes: marks, changed };
  }
}
