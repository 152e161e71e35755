import { mapErrors, ServiceOptions } from '@qa/platform';
import { CoachingError, coachingErrorStatuses } from './coaching.errors';

export const coachingServiceOptions: ServiceOptions = {
  name: 'coaching',
  domainErrors: [mapErrors(CoachingError, coachingErrorStatuses)],
};
