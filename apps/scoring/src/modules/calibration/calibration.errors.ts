import { DomainError, FieldError } from '@qa/platform';

export enum CalibrationErrorCode {
  Invalid = 'CALIBRATION_INVALID',
  NotFound = 'CALIBRATION_NOT_FOUND',
  NotParticipant = 'CALIBRATION_NOT_PARTICIPANT',
  Submitted = 'CALIBRATION_ALREADY_SUBMITTED',
  Closed = 'CALIBRATION_CLOSED',
  Open = 'CALIBRATION_STILL_OPEN',
}

export class CalibrationError extends DomainError<CalibrationErrorCode> {
  static invalid(errors: FieldError[]): CalibrationError {
    return new CalibrationError(CalibrationErrorCode.Invalid, 'One or more fields are invalid.', {
      errors,
    });
  }

  static notFound(id: string): CalibrationError {
    return new CalibrationError(CalibrationErrorCode.NotFound, `calibration ${id} not found`);
  }

  static notParticipant(): CalibrationError {
    return new CalibrationError(
      CalibrationErrorCode.NotParticipant,
      'only the session’s evaluators and expert score it',
    );
  }

  static submitted(): CalibrationError {
    return new CalibrationError(
      CalibrationErrorCode.Submitted,
      'your scores for this session are in already',
    );
  }

  static closed(): CalibrationError {
    return new CalibrationError(CalibrationErrorCode.Closed, 'the session is closed');
  }

  /** Blind until everyone is in: the report names who is still missing, never a score. */
  static open(pending: string[]): CalibrationError {
    return new CalibrationError(
      CalibrationErrorCode.Open,
      'the report opens when every evaluator and the expert have submitted',
      { pending },
    );
  }

  private constructor(
    code: CalibrationErrorCode,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(code, message, details);
  }
}

export function mapCalibrationError(err: CalibrationError): { status: number; title: string } {
  switch (err.code) {
    case CalibrationErrorCode.Invalid:
      return { status: 400, title: 'Invalid request' };
    case CalibrationErrorCode.NotFound:
      return { status: 404, title: 'Not found' };
    case CalibrationErrorCode.NotParticipant:
      return { status: 403, title: 'Forbidden' };
    case CalibrationErrorCode.Submitted:
    case CalibrationErrorCode.Closed:
    case CalibrationErrorCode.Open:
      return { status: 409, title: 'Conflict' };
  }
}
