import { mapErrors, ServiceOptions } from '@qa/platform';
import { AssignmentError, assignmentErrorStatuses } from './modules/assignments/assignments.errors';
import {
  CalibrationError,
  calibrationErrorStatuses,
} from './modules/calibration/calibration.errors';
import { EvaluationError, evaluationErrorStatuses } from './modules/evaluations/evaluations.errors';
import { ReviewError, reviewErrorStatuses } from './modules/reviews/reviews.errors';
import { ScorecardError, scorecardErrorStatuses } from './modules/scorecards/scorecards.errors';

export const scoringServiceOptions: ServiceOptions = {
  name: 'scoring',
  bodyLimit: '2mb',
  domainErrors: [
    mapErrors(EvaluationError, evaluationErrorStatuses),
    mapErrors(ScorecardError, scorecardErrorStatuses),
    mapErrors(AssignmentError, assignmentErrorStatuses),
    mapErrors(CalibrationError, calibrationErrorStatuses),
    mapErrors(ReviewError, reviewErrorStatuses),
  ],
};
