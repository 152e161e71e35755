import { DomainError, FieldError } from '@qa/platform';

export enum KpiErrorCode {
  BadQuery = 'KPI_BAD_QUERY',
  Forbidden = 'KPI_FORBIDDEN',
}

export class KpiError extends DomainError<KpiErrorCode> {
  static badQuery(errors: FieldError[]): KpiError {
    return new KpiError(
      KpiErrorCode.BadQuery,
      `Invalid ${errors.map((e) => e.path).join(', ')}: ${errors.map((e) => e.message).join('; ')}`,
      { errors },
    );
  }

  static forbidden(message: string): KpiError {
    return new KpiError(KpiErrorCode.Forbidden, message);
  }

  private constructor(code: KpiErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
  }
}

export function mapKpiError(err: KpiError): { status: number; title: string } {
  switch (err.code) {
    case KpiErrorCode.BadQuery:
      return { status: 400, title: 'Invalid request' };
    case KpiErrorCode.Forbidden:
      return { status: 403, title: 'Forbidden' };
  }
}
