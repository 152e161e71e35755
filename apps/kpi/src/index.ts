// What tools outside the service (scripts/kpi-rebuild.ts) use of it.
export { rebuildKpis } from './modules/aggregates/rebuild.command';
export type { RebuildReport } from './modules/aggregates/rebuild.service';
