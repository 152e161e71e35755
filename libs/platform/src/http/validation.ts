import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ProblemError } from './problem-details';

/** Flattens class-validator's tree into `segments.0.text`-style paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const path = parent ? `${parent}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ path, message });
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, path));
  }
  return out;
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new ProblemError(
        400,
        'Invalid request',
        'One or more fields are invalid.',
        flattenValidationErrors(errors),
      ),
  });
}
