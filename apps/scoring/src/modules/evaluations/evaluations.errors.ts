import { DomainError, ProblemStatus, ProblemStatuses } from '@qa/platform';

export enum EvaluationErrorCode {
  NotFound = 'EVALUATION_NOT_FOUND',
  BadCursor = 'EVALUATION_BAD_CURSOR',
  BadPeriod = 'EVALUATION_BAD_PERIOD',
}

/** Reading evaluations: single ones, pages of them, and reports and re-scores over a period. */
export class EvaluationError extends DomainError<EvaluationErrorCode> {
  static notFound(what: string): EvaluationError {
    return new EvaluationError(EvaluationErrorCode.NotFound, `${what} not found`);
  }

  static badCursor(): EvaluationError {
    return new EvaluationError(EvaluationErrorCode.BadCursor, 'cursor is not valid', {
      errors: [{ path: 'cursor', message: 'unknown cursor' }],
    });
  }

  static badPeriod(fieldMessage = 'must be after from'): EvaluationError {
    return new EvaluationError(EvaluationErrorCode.BadPeriod, 'from must be before to', {
      errors: [{ path: 'to', message: fieldMessage }],
    });
  }
}

export const evaluationErrorStatuses: Record<EvaluationErrorCode, ProblemStatus> = {
  [EvaluationErrorCode.NotFound]: ProblemStatuses.notFound,
  [EvaluationErrorCode.BadCursor]: ProblemStatuses.invalid,
  [EvaluationErrorCode.BadPeriod]: ProblemStatuses.invalid,
};
