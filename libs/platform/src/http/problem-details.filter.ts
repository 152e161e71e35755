import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { isInfrastructureError } from '@qa/persistence';
import type { Request, Response } from 'express';
import { TenantError, tenantErrorStatuses } from '../identity/tenant';
import {
  DomainError,
  PROBLEM_JSON,
  ProblemDetails,
  ProblemError,
  ProblemStatus,
} from './problem-details';

export type DomainErrorMapper = (err: DomainError) => ProblemStatus | undefined;

/** A domain error class (protected constructors included) and the status of each of its codes. */
export interface DomainErrorMapping<E extends DomainError = DomainError> {
  type: { prototype: E };
  map: (err: E) => ProblemStatus;
}

/** The table names every code, so a new code without a status does not compile. */
export const mapErrors = <E extends DomainError>(
  type: { prototype: E },
  statuses: Record<E['code'], ProblemStatus>,
): DomainErrorMapping => ({ type, map: (err) => statuses[err.code as E['code']] });

/** A service's one error mapping: its error classes, then the platform's (TenantError). */
export function domainErrorMapper(mappings: readonly DomainErrorMapping[] = []): DomainErrorMapper {
  const all = [...mappings, mapErrors(TenantError, tenantErrorStatuses)];
  return (err) => all.find((m) => err instanceof (m.type as typeof DomainError))?.map(err);
}

const titleFor = (status: number): string =>
  ({
    400: 'Bad request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not found',
    409: 'Conflict',
    413: 'Payload too large',
    415: 'Unsupported media type',
    422: 'Unprocessable entity',
    429: 'Too many requests',
    503: 'Service unavailable',
  })[status] ?? (status >= 500 ? 'Internal server error' : 'Error');

/** Every error leaves as application/problem+json; 5xx details are logged, never sent. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  constructor(private readonly mapDomainError: DomainErrorMapper = domainErrorMapper()) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    if (isHealthReport(exception)) {
      // Terminus' 503 carries per-dependency details that monitors read: keep its shape.
      res.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    const body = this.toProblem(exception);
    body.instance = req.originalUrl ?? req.url;
    if (typeof body.retryAfterSeconds === 'number') {
      res.setHeader('retry-after', String(body.retryAfterSeconds));
    }
    if (body.status === 503) {
      // Clients (a CTI pushing calls) should come back, not give up: the database is down.
      res.setHeader('retry-after', '5');
      this.logger.warn(
        { err: (exception as Error)?.message, path: body.instance },
        'database unavailable',
      );
    } else if (body.status >= 500) {
      this.logger.error({ err: exception, path: body.instance }, 'unhandled error');
    }
    res.status(body.status).type(PROBLEM_JSON).send(JSON.stringify(body));
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ProblemError) {
      return {
        type: 'about:blank',
        title: exception.title,
        status: exception.status,
        detail: exception.detail,
        ...(exception.errors ? { errors: exception.errors } : {}),
        ...exception.extensions,
      };
    }
    if (exception instanceof DomainError) {
      const mapped = this.mapDomainError(exception);
      if (mapped) {
        return {
          type: 'about:blank',
          title: mapped.title,
          status: mapped.status,
          detail: exception.message,
          code: exception.code,
          ...exception.details,
        };
      }
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const detail =
        typeof response === 'string'
          ? response
          : String((response as { message?: unknown }).message ?? exception.message);
      return { type: 'about:blank', title: titleFor(status), status, detail };
    }
    const status =
      typeof (exception as { status?: unknown })?.status === 'number'
        ? (exception as { status: number }).status
        : 500;
    if (status >= 400 && status < 500) {
      // body-parser errors (too large, bad JSON) carry a status and a safe message.
      return {
        type: 'about:blank',
        title: titleFor(status),
        status,
        detail: (exception as Error).message,
      };
    }
    if (isInfrastructureError(exception)) {
      return {
        type: 'about:blank',
        title: titleFor(503),
        status: 503,
        detail: 'The database is unavailable; try again shortly.',
      };
    }
    return {
      type: 'about:blank',
      title: titleFor(500),
      status: 500,
      detail: 'An unexpected error occurred.',
    };
  }
}

function isHealthReport(e: unknown): e is HttpException {
  if (!(e instanceof HttpException)) return false;
  const r = e.getResponse();
  return (
    typeof r === 'object' &&
    r !== null &&
    'details' in r &&
    (r as { status?: unknown }).status === 'error'
  );
}
