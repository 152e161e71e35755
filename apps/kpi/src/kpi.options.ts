import { mapErrors, ServiceOptions } from '@qa/platform';
import { KpiError, kpiErrorStatuses } from './modules/kpis/kpis.errors';

export const kpiServiceOptions: ServiceOptions = {
  name: 'kpi',
  domainErrors: [mapErrors(KpiError, kpiErrorStatuses)],
};
