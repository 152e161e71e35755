import { DomainError, FieldError } from '@qa/platform';

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

  private constructor(
    code: ScorecardErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(code, message, details);
  }
}

export function mapScorecardError(err: ScorecardError): { status: number; title: string } {
  switch (err.code) {
    case ScorecardErrorCode.Invalid:
      return { status: 422, title: 'Invalid scorecard' };
    case ScorecardErrorCode.NotFound:
      return { status: 404, title: 'Not found' };
    case ScorecardErrorCode.Exists:
      return { status: 409, title: 'Conflict' };
  }
}
