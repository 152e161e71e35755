import { DomainError } from '@qa/platform';

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

export function mapAuthError(err: AuthError): { status: number; title: string } {
  switch (err.code) {
    case AuthErrorCode.BadCredentials:
    case AuthErrorCode.BadRefreshToken:
      return { status: 401, title: 'Unauthorized' };
    case AuthErrorCode.WrongPassword:
    case AuthErrorCode.WeakPassword:
      return { status: 400, title: 'Invalid request' };
    case AuthErrorCode.RateLimited:
      return { status: 429, title: 'Too many requests' };
  }
}
