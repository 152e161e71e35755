import type { ServiceOptions } from '@qa/platform';

export const scoringServiceOptions: ServiceOptions = { name: 'scoring' };
