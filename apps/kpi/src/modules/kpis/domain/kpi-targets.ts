import { DEFAULT_TARGETS, isKpiId, KPI_DEFINITIONS, KpiId } from './kpi-definitions';
import { KpiValues, onTarget } from './kpi-math';

export type KpiTargets = Partial<Record<KpiId, number>>;

const BETTER = new Map(KPI_DEFINITIONS.map((d) => [d.id, d.better]));

/** A tenant's targets: the defaults, then what the tenant set (its stored rows). */
export function tenantTargets(rows: readonly { kpi: string; target: number }[]): KpiTargets {
  const out: KpiTargets = { ...DEFAULT_TARGETS };
  for (const r of rows) if (isKpiId(r.kpi)) out[r.kpi] = r.target;
  return out;
}

/** Whether one figure meets the tenant's target for it; null without a target or a figure. */
export function kpiOnTarget(kpi: KpiId, value: number | null, targets: KpiTargets) {
  return onTarget(value, targets[kpi], BETTER.get(kpi) ?? 'up');
}

/** Per KPI with a target among `values`: whether it is on target. */
export function onTargets(values: Partial<KpiValues>, targets: KpiTargets) {
  const out: Partial<Record<KpiId, boolean | null>> = {};
  for (const k of Object.keys(targets) as KpiId[]) {
    if (!(k in values) || k === 'gradeMix') continue;
    out[k] = kpiOnTarget(k, values[k] as number | null, targets);
  }
  return out;
}
