import { DomainError, ServiceOptions } from '@qa/platform';
import { KpiError, mapKpiError } from './modules/kpis/kpis.errors';

export const kpiServiceOptions: ServiceOptions = {
  name: 'kpi',
  mapDomainError: (err: DomainError) => (err instanceof KpiError ? mapKpiError(err) : undefined),
};
