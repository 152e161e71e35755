import { DomainError, FieldError, ProblemStatus, ProblemStatuses } from '@qa/platform';

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
}

export const calibrationErrorStatuses: Record<CalibrationErrorCode, ProblemStatus> = {
  [CalibrationErrorCode.Invalid]: ProblemStatuses.invalid,
  [CalibrationErrorCode.NotFound]: ProblemStatuses.notFound,
  [CalibrationErrorCode.NotParticipant]: ProblemStatuses.forbidden,
  [CalibrationErrorCode.Submitted]: ProblemStatuses.conflict,
  [CalibrationErrorCode.Closed]: ProblemStatuses.conflict,
  [CalibrationErrorCode.Open]: ProblemStatuses.conflict,
};
