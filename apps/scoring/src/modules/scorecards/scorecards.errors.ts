import { DomainError, FieldError, ProblemStatus, ProblemStatuses } from '@qa/platform';

export enum ScorecardErrorCode {
  Invalid = 'SCORECARD_INVALID',
  NotFound = 'SCORECARD_NOT_FOUND',
  Exists = 'SCORECARD_EXISTS',
}

export class ScorecardError extends DomainError<ScorecardErrorCode> {
  static invalid(errors: FieldError[]): ScorecardError {
    return new ScorecardError(ScorecardErrorCode.Invalid, 'The scorecard is invalid.', { errors });
  }

  static notFound(key: string, version?: number): ScorecardError {
    const what = version === undefined ? key : `${key} v${version}`;
    return new ScorecardError(ScorecardErrorCode.NotFound, `scorecard ${what} not found`);
  }

  static exists(key: string): ScorecardError {
    return new ScorecardError(
      ScorecardErrorCode.Exists,
      `scorecard ${key} already exists; add a version instead`,
    );
  }
}

export const scorecardErrorStatuses: Record<ScorecardErrorCode, ProblemStatus> = {
  [ScorecardErrorCode.Invalid]: { status: 422, title: 'Invalid scorecard' },
  [ScorecardErrorCode.NotFound]: ProblemStatuses.notFound,
  [ScorecardErrorCode.Exists]: ProblemStatuses.conflict,
};
