import type { ServiceOptions } from '@qa/platform';
import { json, raw } from 'express';
import { CallError, mapCallError } from './modules/calls/calls.errors';

export const ingestionServiceOptions: ServiceOptions = {
  name: 'ingestion',
  // Body limits differ per route, so parsers are mounted here rather than globally.
  bodyParser: false,
  mapDomainError: (err) => (err instanceof CallError ? mapCallError(err) : undefined),
  configure: (app) => {
    app.use(
      '/api/v1/calls/batch',
      json({ limit: '64mb' }),
      raw({ type: 'application/x-ndjson', limit: '64mb' }),
    );
    app.use(json({ limit: '5mb' }));
  },
};
