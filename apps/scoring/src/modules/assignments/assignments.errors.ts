import { DomainError, FieldError, ProblemStatus, ProblemStatuses } from '@qa/platform';

export enum AssignmentErrorCode {
  Invalid = 'ASSIGNMENT_INVALID',
  NotFound = 'ASSIGNMENT_NOT_FOUND',
  Stale = 'ASSIGNMENT_STALE',
}

/** Errors of sampling policies and the review queue. */
export class AssignmentError extends DomainError<AssignmentErrorCode> {
  static invalid(errors: FieldError[]): AssignmentError {
    return new AssignmentError(AssignmentErrorCode.Invalid, 'One or more fields are invalid.', {
      errors,
    });
  }

  static notFound(what: string): AssignmentError {
    return new AssignmentError(AssignmentErrorCode.NotFound, `${what} not found`);
  }

  static stale(id: string, version: number): AssignmentError {
    return new AssignmentError(
      AssignmentErrorCode.Stale,
      `assignment ${id} is at version ${version}; reload and retry`,
      { version },
    );
  }
}

export const assignmentErrorStatuses: Record<AssignmentErrorCode, ProblemStatus> = {
  [AssignmentErrorCode.Invalid]: ProblemStatuses.invalid,
  [AssignmentErrorCode.NotFound]: ProblemStatuses.notFound,
  [AssignmentErrorCode.Stale]: ProblemStatuses.conflict,
};
