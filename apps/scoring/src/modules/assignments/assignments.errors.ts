import { DomainError, FieldError } from '@qa/platform';

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

  private constructor(
    code: AssignmentErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(code, message, details);
  }
}

export function mapAssignmentError(err: AssignmentError): { status: number; title: string } {
  switch (err.code) {
    case AssignmentErrorCode.Invalid:
      return { status: 400, title: 'Invalid request' };
    case AssignmentErrorCode.NotFound:
      return { status: 404, title: 'Not found' };
    case AssignmentErrorCode.Stale:
      return { status: 409, title: 'Conflict' };
  }
}
