import { DomainError, FieldError, ProblemStatus, ProblemStatuses } from '@qa/platform';

export enum TicketErrorCode {
  NotFound = 'TICKET_NOT_FOUND',
  IllegalTransition = 'TICKET_ILLEGAL_TRANSITION',
  StaleVersion = 'TICKET_STALE_VERSION',
  CallbackNotExpected = 'TICKET_CALLBACK_NOT_EXPECTED',
  DuplicateCall = 'TICKET_DUPLICATE_CALL',
  Invalid = 'TICKET_INVALID',
  SettingsStale = 'SETTINGS_STALE_VERSION',
}

export class TicketError extends DomainError<TicketErrorCode> {
  static notFound(id: string): TicketError {
    return new TicketError(TicketErrorCode.NotFound, `ticket ${id} not found`);
  }

  static illegal(from: string, to: string, allowedMoves: readonly string[]): TicketError {
    return new TicketError(
      TicketErrorCode.IllegalTransition,
      `a ticket that is ${from} cannot move to ${to}; allowed: ${allowedMoves.join(', ') || 'none'}`,
      { ticketStatus: from, allowedMoves },
    );
  }

  static stale(expected: number, actual: number, allowedMoves: readonly string[]): TicketError {
    return new TicketError(
      TicketErrorCode.StaleVersion,
      `the ticket is at version ${actual}, not ${expected}; reload it and try again`,
      { version: actual, allowedMoves },
    );
  }

  static callbackNotExpected(status: string): TicketError {
    return new TicketError(
      TicketErrorCode.CallbackNotExpected,
      `no callback is due on a ticket that is ${status}`,
      { ticketStatus: status },
    );
  }

  static duplicateCall(callId: string, ticketId: string): TicketError {
    return new TicketError(
      TicketErrorCode.DuplicateCall,
      `call ${callId} already has ticket ${ticketId}`,
      { ticketId },
    );
  }

  static invalid(errors: FieldError[]): TicketError {
    return new TicketError(TicketErrorCode.Invalid, 'The request is invalid.', { errors });
  }

  static settingsStale(expected: number, actual: number): TicketError {
    return new TicketError(
      TicketErrorCode.SettingsStale,
      `the settings are at version ${actual}, not ${expected}`,
      { version: actual },
    );
  }
}

export const ticketErrorStatuses: Record<TicketErrorCode, ProblemStatus> = {
  [TicketErrorCode.NotFound]: ProblemStatuses.notFound,
  [TicketErrorCode.Invalid]: { status: 400, title: 'Bad request' },
  [TicketErrorCode.IllegalTransition]: ProblemStatuses.conflict,
  [TicketErrorCode.StaleVersion]: ProblemStatuses.conflict,
  [TicketErrorCode.CallbackNotExpected]: ProblemStatuses.conflict,
  [TicketErrorCode.DuplicateCall]: ProblemStatuses.conflict,
  [TicketErrorCode.SettingsStale]: ProblemStatuses.conflict,
};
