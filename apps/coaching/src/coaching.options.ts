import { DomainError, ServiceOptions } from '@qa/platform';
import { CoachingError, mapCoachingError } from './coaching.errors';

export const coachingServiceOptions: ServiceOptions = {
  name: 'coaching',
  mapDomainError: (err: DomainError) =>
    err instanceof CoachingError ? mapCoachingError(err) : undefined,
};
