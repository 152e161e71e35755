import { mapErrors, ServiceOptions } from '@qa/platform';
import { AssignmentError, mapAssignmentError } from './modules/assignments/assignments.errors';
import { CalibrationError, mapCalibrationError } from './modules/calibration/calibration.errors';
import { EvaluationError, mapEvaluationError } from './modules/evaluations/evaluations.errors';
import { mapReviewError, ReviewError } from './modules/reviews/reviews.errors';
import { mapScorecardError, ScorecardError } from './modules/scorecards/scorecards.errors';

export const scoringServiceOptions: ServiceOptions = {
  name: 'scoring',
  bodyLimit: '2mb',
  domainErrors: [
    mapErrors(EvaluationError, mapEvaluationError),
    mapErrors(ScorecardError, mapScorecardError),
    mapErrors(AssignmentError, mapAssignmentError),
    mapErrors(CalibrationError, mapCalibrationError),
    mapErrors(ReviewError, mapReviewError),
  ],
};
