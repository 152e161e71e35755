import { DomainError, FieldError, ProblemStatus, ProblemStatuses } from '@qa/platform';

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
}

export const kpiErrorStatuses: Record<KpiErrorCode, ProblemStatus> = {
  [KpiErrorCode.BadQuery]: ProblemStatuses.invalid,
  [KpiErrorCode.Forbidden]: ProblemStatuses.forbidden,
};
