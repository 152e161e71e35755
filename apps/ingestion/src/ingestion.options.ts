import type { ServiceOptions } from '@qa/platform';
import { CallError, mapCallError } from './modules/calls/calls.errors';

export const ingestionServiceOptions: ServiceOptions = {
  name: 'ingestion',
  bodyLimit: '11mb',
  mapDomainError: (err) => (err instanceof CallError ? mapCallError(err) : undefined),
};
