import { DomainError, ProblemStatus, ProblemStatuses } from '@qa/platform';

export enum AuthErrorCode {
  BadCredentials = 'AUTH_BAD_CREDENTIALS',
  RateLimited = 'AUTH_RATE_LIMITED',
  BadRefreshToken = 'AUTH_BAD_REFRESH_TOKEN',
  WrongPassword = 'AUTH_WRONG_PASSWORD',
  WeakPassword = 'AUTH_WEAK_PASSWORD',
}

export class AuthError extends DomainError<AuthErrorCode> {
  constructor(code: AuthErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

/** Too many failures: the same answer whether or not the username exists. */
export function tooManyAttempts(retryAfterMs: number): AuthError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AuthError(
    AuthErrorCode.RateLimited,
    `Too many failed logins; try again in ${retryAfterSeconds} s.`,
    { retryAfterSeconds },
  );
}

export const authErrorStatuses: Record<AuthErrorCode, ProblemStatus> = {
  [AuthErrorCode.BadCredentials]: ProblemStatuses.unauthorized,
  [AuthErrorCode.BadRefreshToken]: ProblemStatuses.unauthorized,
  [AuthErrorCode.WrongPassword]: ProblemStatuses.invalid,
  [AuthErrorCode.WeakPassword]: ProblemStatuses.invalid,
  [AuthErrorCode.RateLimited]: { status: 429, title: 'Too many requests' },
};
