import { mapErrors, ServiceOptions } from '@qa/platform';
import { CoachingError, mapCoachingError } from './coaching.errors';

export const coachingServiceOptions: ServiceOptions = {
  name: 'coaching',
  domainErrors: [mapErrors(CoachingError, mapCoachingError)],
};
