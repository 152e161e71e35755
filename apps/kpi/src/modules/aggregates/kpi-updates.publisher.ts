import { Injectable } from '@nestjs/common';
import { KpiUpdated, Topics } from '@qa/contracts';
import { OutboxService } from '@qa/messaging';
import { EntityManager } from 'typeorm';
import { GRADE_CODES, KpiId } from '../kpis/domain/kpi-definitions';
import { emptyComponents, kpiFractions, kpiValues, KpiValues } from '../kpis/domain/kpi-math';
import { kpiOnTarget, KpiTargets, tenantTargets } from '../kpis/domain/kpi-targets';
import { KpisRepository } from '../kpis/kpis.repository';
import { ChangedRow } from './aggregates.repository';
import { componentsOfRow } from './component-columns';

const componentsOfChange = (r: ChangedRow) => (r.gone ? emptyComponents() : componentsOfRow(r));
export const valuesOfChange = (r: ChangedRow): KpiValues => kpiValues(componentsOfChange(r));

function toEvent(r: ChangedRow, v: KpiValues, targets: KpiTargets): KpiUpdated {
  const fractions = kpiFractions(componentsOfChange(r));
  const values = Object.entries(v).flatMap(([name, value]) => {
    if (value === null) return [];
    if (typeof value === 'number') {
      // Sums of scores and seconds are not whole: the event's int64 fields carry them rounded.
      const [numerator, denominator] = (fractions[name as KpiId] ?? [0, 0]).map(Math.round);
      // Additive fields (absent without a target): consumers such as coaching's promotion
      // ranking learn whether a figure met its target without reading kpi's tables.
      const target = targets[name as KpiId];
      if (target === undefined) return [{ name, value, numerator, denominator }];
      const onTarget = kpiOnTarget(name as KpiId, value, targets) ?? undefined;
      return [{ name, value, numerator, denominator, target, onTarget }];
    }
    return GRADE_CODES.map((g) => ({
      name: `gradeMix.${g}`,
      value: value[g],
      numerator: 0,
      denominator: 0,
    }));
  });
  return {
    tenantId: r.tenant_id,
    scope: r.scope,
    scopeId: r.scope_id,
    window: r.window,
    windowStart: new Date(r.bucket_start).toISOString(),
    values,
  };
}

/**
 * Every changed bucket becomes one row of the update sequence (what the stream resumes from, in
 * id order) and one qa.kpi.updated.v1 event, in the aggregation's transaction.
 */
@Injectable()
export class KpiUpdatesPublisher {
  constructor(
    private readonly outbox: OutboxService,
    private readonly kpis: KpisRepository,
  ) {}

  async publish(m: EntityManager, changed: ChangedRow[], traceId: string): Promise<void> {
    if (changed.length === 0) return;
    const values = changed.map(valuesOfChange);
    // The figures changed now: the update row and the event's occurred-at say the same instant.
    const at = new Date().toISOString();
    await m.query(
      `INSERT INTO kpi.kpi_updates
         (tenant_id, scope, scope_id, "window", bucket_start, "values", created_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(tenant_id text, scope text, scope_id text,
         "window" text, bucket_start timestamptz, "values" jsonb, created_at timestamptz)`,
      [
        JSON.stringify(
          changed.map((r, i) => ({
            tenant_id: r.tenant_id,
            scope: r.scope,
            scope_id: r.scope_id,
            window: r.window,
            bucket_start: r.bucket_start,
            values: values[i],
            created_at: at,
          })),
        ),
      ],
    );
    await this.events(m, changed, values, traceId, at);
  }

  /**
   * The buckets again, unchanged but judged against the tenant's new targets: events only (the
   * live stream carries no targets). Called under the aggregation lock, so no tick's update of
   * the same bucket can land after it with the old targets.
   */
  async republish(m: EntityManager, rows: ChangedRow[], traceId: string): Promise<void> {
    if (rows.length === 0) return;
    await this.events(m, rows, rows.map(valuesOfChange), traceId, new Date().toISOString());
  }

  private async events(
    m: EntityManager,
    changed: ChangedRow[],
    values: KpiValues[],
    traceId: string,
    at: string,
  ): Promise<void> {
    const tenants = [...new Set(changed.map((r) => r.tenant_id))];
    const stored = await this.kpis.targetsOf(m, tenants);
    const targets = new Map(
      tenants.map((t) => [t, tenantTargets(stored.filter((s) => s.tenant_id === t))]),
    );
    await this.outbox.add(
      m,
      changed.map((r, i) => ({
        topic: Topics.KpiUpdated,
        key: `${r.tenant_id}/${r.scope}/${r.scope_id}`,
        payload: toEvent(r, values[i], targets.get(r.tenant_id)!),
        tenantId: r.tenant_id,
        traceId,
        occurredAt: at,
      })),
    );
  }

  wake(): void {
    this.outbox.wake();
  }
}
