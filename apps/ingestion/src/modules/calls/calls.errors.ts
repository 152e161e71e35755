import { DomainError } from '@qa/platform';

export enum CallErrorCode {
  Conflict = 'CALL_CONFLICT',
  Invalid = 'CALL_INVALID',
  NotFound = 'CALL_NOT_FOUND',
}

export class CallError extends DomainError<CallErrorCode> {
  static conflict(callId: string, differingFields: string[]): CallError {
    return new CallError(
      CallErrorCode.Conflict,
      `call ${callId} was already accepted with a different body`,
      { differingFields },
    );
  }

  static notFound(callId: string): CallError {
    return new CallError(CallErrorCode.NotFound, `call ${callId} not found`);
  }

  private constructor(code: CallErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

export function mapCallError(err: CallError): { status: number; title: string } {
  switch (err.code) {
    case CallErrorCode.Conflict:
      return { status: 409, title: 'Conflict' };
    case CallErrorCode.Invalid:
      return { status: 400, title: 'Invalid request' };
    case CallErrorCode.NotFound:
      return { status: 404, title: 'Not found' };
  }
}
