import { DomainError, ServiceOptions } from '@qa/platform';
import { AssignmentError, mapAssignmentError } from './modules/assignments/assignments.errors';
import { CalibrationError, mapCalibrationError } from './modules/calibration/calibration.errors';
import { mapReviewError, ReviewError } from './modules/reviews/reviews.errors';
import { mapScorecardError, ScorecardError } from './modules/scorecards/scorecards.errors';

export const scoringServiceOptions: ServiceOptions = {
  name: 'scoring',
  bodyLimit: '2mb',
  mapDomainError: (err: DomainError) =>
    err instanceof ScorecardError
      ? mapScorecardError(err)
      : err instanceof AssignmentError
        ? mapAssignmentError(err)
        : err instanceof CalibrationError
          ? mapCalibrationError(err)
          : err instanceof ReviewError
            ? mapReviewError(err)
            : undefined,
};
