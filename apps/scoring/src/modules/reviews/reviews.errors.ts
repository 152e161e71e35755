import { DomainError, FieldError, ProblemStatus, ProblemStatuses } from '@qa/platform';

export enum ReviewErrorCode {
  NotFound = 'REVIEW_NOT_FOUND',
  Invalid = 'REVIEW_INVALID',
  StaleVersion = 'REVIEW_STALE_VERSION',
  Final = 'EVALUATION_FINAL',
  NotFinal = 'EVALUATION_NOT_FINAL',
  DisputeWindowClosed = 'DISPUTE_WINDOW_CLOSED',
  DisputeLimit = 'DISPUTE_LIMIT_REACHED',
  DisputeOpen = 'DISPUTE_ALREADY_OPEN',
  DisputeDecided = 'DISPUTE_ALREADY_DECIDED',
}

export class ReviewError extends DomainError<ReviewErrorCode> {
  static notFound(what: string): ReviewError {
    return new ReviewError(ReviewErrorCode.NotFound, `${what} not found`);
  }

  static invalid(errors: FieldError[]): ReviewError {
    return new ReviewError(ReviewErrorCode.Invalid, 'The request is invalid.', { errors });
  }

  static stale(expected: number, actual: number): ReviewError {
    return new ReviewError(
      ReviewErrorCode.StaleVersion,
      `expectedVersion ${expected} is stale: the evaluation is at version ${actual}`,
      { currentVersion: actual, errors: [{ path: 'expectedVersion', message: 'stale' }] },
    );
  }

  static final(id: string): ReviewError {
    return new ReviewError(
      ReviewErrorCode.Final,
      `evaluation ${id} is final: only a lead's dispute decision changes it`,
    );
  }

  static notFinal(id: string): ReviewError {
    return new ReviewError(ReviewErrorCode.NotFinal, `evaluation ${id} is not final yet`);
  }

  static disputeRefused(code: 'window' | 'limit', message: string): ReviewError {
    return new ReviewError(
      code === 'window' ? ReviewErrorCode.DisputeWindowClosed : ReviewErrorCode.DisputeLimit,
      message,
    );
  }

  static disputeOpen(id: string): ReviewError {
    return new ReviewError(
      ReviewErrorCode.DisputeOpen,
      `dispute ${id} on this evaluation awaits a lead's decision`,
    );
  }

  static disputeDecided(id: string): ReviewError {
    return new ReviewError(ReviewErrorCode.DisputeDecided, `dispute ${id} is already decided`);
  }
}

export const reviewErrorStatuses: Record<ReviewErrorCode, ProblemStatus> = {
  [ReviewErrorCode.NotFound]: ProblemStatuses.notFound,
  [ReviewErrorCode.Invalid]: ProblemStatuses.invalid,
  [ReviewErrorCode.StaleVersion]: ProblemStatuses.conflict,
  [ReviewErrorCode.Final]: ProblemStatuses.conflict,
  [ReviewErrorCode.NotFinal]: ProblemStatuses.conflict,
  [ReviewErrorCode.DisputeOpen]: ProblemStatuses.conflict,
  [ReviewErrorCode.DisputeDecided]: ProblemStatuses.conflict,
  [ReviewErrorCode.DisputeWindowClosed]: { status: 422, title: 'Dispute refused' },
  [ReviewErrorCode.DisputeLimit]: { status: 422, title: 'Dispute refused' },
};
