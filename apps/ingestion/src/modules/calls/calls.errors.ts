import { DomainError, FieldError, ProblemStatus, ProblemStatuses } from '@qa/platform';

export enum CallErrorCode {
  Invalid = 'CALL_INVALID',
  Conflict = 'CALL_CONFLICT',
  NotFound = 'CALL_NOT_FOUND',
  WrongTenant = 'CALL_WRONG_TENANT',
  NoBody = 'CALL_NO_BODY',
  MediaType = 'CALL_UNSUPPORTED_MEDIA_TYPE',
  BatchEmpty = 'CALL_BATCH_EMPTY',
  BatchTooLarge = 'CALL_BATCH_TOO_LARGE',
  BadCursor = 'CALL_BAD_CURSOR',
  RecordingRequired = 'RECORDING_REQUIRED',
  RecordingType = 'RECORDING_UNSUPPORTED_TYPE',
  RecordingNotFound = 'RECORDING_NOT_FOUND',
  ImportInvalid = 'IMPORT_INVALID',
}

/**
 * Everything the ingestion service refuses, whatever the transport. `details.errors` lists the
 * failing field paths; the HTTP filter spreads details into the problem+json body.
 */
export class CallError extends DomainError<CallErrorCode> {
  static invalid(message: string, errors: FieldError[]): CallError {
    return new CallError(CallErrorCode.Invalid, message, { errors });
  }

  static conflict(callId: string, differingFields: string[]): CallError {
    return new CallError(
      CallErrorCode.Conflict,
      `call ${callId} was already accepted with a different body (differs in ${differingFields.join(', ')})`,
      { differingFields },
    );
  }

  static notFound(callId: string): CallError {
    return new CallError(CallErrorCode.NotFound, `call ${callId} not found`);
  }

  static wrongTenant(path = 'tenantId'): CallError {
    return new CallError(CallErrorCode.WrongTenant, 'tenantId does not match your tenant', {
      errors: [{ path, message: 'must be your own tenant' }],
    });
  }

  /** A body the parsers did not take: the wrong media type, or none at all. */
  static unparsed(contentType: string | undefined, accepted: string[]): CallError {
    return contentType
      ? new CallError(CallErrorCode.MediaType, `send ${accepted.join(' or ')}, not ${contentType}`)
      : new CallError(
          CallErrorCode.NoBody,
          `the request has no body; send ${accepted.join(' or ')}`,
        );
  }

  static batchEmpty(): CallError {
    return new CallError(CallErrorCode.BatchEmpty, 'the batch is empty', {
      errors: [{ path: '', message: 'send at least one call' }],
    });
  }

  static batchTooLarge(max: number, got: number): CallError {
    return new CallError(
      CallErrorCode.BatchTooLarge,
      `a batch holds at most ${max} calls (got ${got})`,
    );
  }

  static badCursor(): CallError {
    return new CallError(CallErrorCode.BadCursor, 'cursor is not valid', {
      errors: [{ path: 'cursor', message: 'unknown cursor; start again without one' }],
    });
  }

  static recordingRequired(): CallError {
    return new CallError(
      CallErrorCode.RecordingRequired,
      'send the audio as multipart field "recording"',
      { errors: [{ path: 'recording', message: 'file is required' }] },
    );
  }

  static recordingType(message: string, accepted: string[]): CallError {
    return new CallError(CallErrorCode.RecordingType, message, {
      errors: [{ path: 'recording', message: `must be one of ${accepted.join(', ')}` }],
    });
  }

  static recordingNotFound(callId: string): CallError {
    return new CallError(CallErrorCode.RecordingNotFound, `no recording for call ${callId}`);
  }

  static importInvalid(message: string, errors: FieldError[]): CallError {
    return new CallError(CallErrorCode.ImportInvalid, message, { errors });
  }
}

export const callErrorStatuses: Record<CallErrorCode, ProblemStatus> = {
  [CallErrorCode.Invalid]: ProblemStatuses.invalid,
  [CallErrorCode.NoBody]: ProblemStatuses.invalid,
  [CallErrorCode.BatchEmpty]: ProblemStatuses.invalid,
  [CallErrorCode.BadCursor]: ProblemStatuses.invalid,
  [CallErrorCode.RecordingRequired]: ProblemStatuses.invalid,
  [CallErrorCode.ImportInvalid]: ProblemStatuses.invalid,
  [CallErrorCode.WrongTenant]: ProblemStatuses.forbidden,
  [CallErrorCode.NotFound]: ProblemStatuses.notFound,
  [CallErrorCode.RecordingNotFound]: ProblemStatuses.notFound,
  [CallErrorCode.Conflict]: ProblemStatuses.conflict,
  [CallErrorCode.BatchTooLarge]: { status: 413, title: 'Payload too large' },
  [CallErrorCode.MediaType]: { status: 415, title: 'Unsupported media type' },
  [CallErrorCode.RecordingType]: { status: 415, title: 'Unsupported media type' },
};
