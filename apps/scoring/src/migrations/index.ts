import { EncryptCustomerNumbers1764633600000 } from './1764633600000-encrypt-customer-numbers';
import { CreateScoredCalls1763856000000 } from './1763856000000-create-scored-calls';
import { CreateEvaluations1763942400000 } from './1763942400000-create-evaluations';
import { CreateReviewDecisions1764720000000 } from './1764720000000-create-review-decisions';
import { CreateAssignmentsCalibrations1764806400000 } from './1764806400000-create-assignments-calibrations';
import { HumanReview1764892800000 } from './1764892800000-human-review';

export const migrations = [
  CreateScoredCalls1763856000000,
  CreateEvaluations1763942400000,
  EncryptCustomerNumbers1764633600000,
  CreateReviewDecisions1764720000000,
  CreateAssignmentsCalibrations1764806400000,
  HumanReview1764892800000,
];
