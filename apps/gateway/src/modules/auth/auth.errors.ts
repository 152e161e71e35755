import { DomainError } from '@qa/platform';

export enum AuthErrorCode {
  BadCredentials = 'AUTH_BAD_CREDENTIALS',
  Locked = 'AUTH_LOCKED',
  RateLimited = 'AUTH_RATE_LIMITED',
  BadRefreshToken = 'AUTH_BAD_REFRESH_TOKEN',
}

export class AuthError extends DomainError<AuthErrorCode> {
  constructor(code: AuthErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

export function mapAuthError(err: AuthError): { status: number; title: string } {
  switch (err.code) {
    case AuthErrorCode.BadCredentials:
    case AuthErrorCode.BadRefreshToken:
      return { status: 401, title: 'Unauthorized' };
    case AuthErrorCode.Locked:
      return { status: 423, title: 'Locked' };
    case AuthErrorCode.RateLimited:
      return { status: 429, title: 'Too many requests' };
  }
}
