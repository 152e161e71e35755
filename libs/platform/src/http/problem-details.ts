export interface FieldError {
  path: string;
  message: string;
}

/** RFC 9457 body; `errors` lists every failing field where input was bad. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_JSON = 'application/problem+json';

/** Thrown by adapters (pipes, controllers) to answer with a problem+json body. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = ProblemError.name;
  }
}

export interface ProblemStatus {
  status: number;
  title: string;
}

/** The statuses most codes answer with; a code that needs its own title writes it out. */
export const ProblemStatuses = {
  invalid: { status: 400, title: 'Invalid request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  notFound: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
} as const satisfies Record<string, ProblemStatus>;

/** Base of coded domain errors; each service maps its codes to HTTP in one place. */
export abstract class DomainError<C extends string = string> extends Error {
  protected constructor(
    readonly code: C,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
