import { DomainError, FieldError, ProblemStatus, ProblemStatuses } from '@qa/platform';

export enum CoachingErrorCode {
  NotFound = 'COACHING_NOT_FOUND',
  Invalid = 'COACHING_INVALID',
  Forbidden = 'COACHING_FORBIDDEN',
  Stale = 'COACHING_STALE_VERSION',
  Conflict = 'COACHING_CONFLICT',
}

/** Coded errors of the coaching service; HTTP maps them in one place below. */
export class CoachingError extends DomainError<CoachingErrorCode> {
  static notFound(what: string): CoachingError {
    return new CoachingError(CoachingErrorCode.NotFound, `${what} not found`);
  }

  static invalid(errors: FieldError[]): CoachingError {
    return new CoachingError(
      CoachingErrorCode.Invalid,
      `Invalid ${errors.map((e) => e.path).join(', ')}: ${errors.map((e) => e.message).join('; ')}`,
      { errors },
    );
  }

  static forbidden(message: string): CoachingError {
    return new CoachingError(CoachingErrorCode.Forbidden, message);
  }

  static stale(what: string, expected: number, actual: number): CoachingError {
    return new CoachingError(
      CoachingErrorCode.Stale,
      `the ${what} is at version ${actual}, not ${expected}; reload it and try again`,
      { version: actual },
    );
  }

  static conflict(message: string, details: Record<string, unknown> = {}): CoachingError {
    return new CoachingError(CoachingErrorCode.Conflict, message, details);
  }
}

export const coachingErrorStatuses: Record<CoachingErrorCode, ProblemStatus> = {
  [CoachingErrorCode.NotFound]: ProblemStatuses.notFound,
  [CoachingErrorCode.Invalid]: ProblemStatuses.invalid,
  [CoachingErrorCode.Forbidden]: ProblemStatuses.forbidden,
  [CoachingErrorCode.Stale]: ProblemStatuses.conflict,
  [CoachingErrorCode.Conflict]: ProblemStatuses.conflict,
};
