import { mapErrors, ServiceOptions } from '@qa/platform';
import { KpiError, mapKpiError } from './modules/kpis/kpis.errors';

export const kpiServiceOptions: ServiceOptions = {
  name: 'kpi',
  domainErrors: [mapErrors(KpiError, mapKpiError)],
};
