import { ValidateBy, ValidationOptions } from 'class-validator';

/** Control characters other than tab/newline/CR have no place in a call. */
// eslint-disable-next-line no-control-regex -- the point is to find control characters
export const CONTROL_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** Half of a UTF-16 pair: JSON allows "\ud800", Postgres jsonb refuses it, so refuse it first. */
export const LONE_SURROGATE =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** An ID (callId, agentId…): what URLs, logs and Kafka keys carry without escaping. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
export const ID_MESSAGE =
  '$property must be 1–128 characters of letters, digits, ".", "_", ":" or "-", starting with a letter or digit';

/** RFC 3339 with an offset: a time without one would be read in the server's zone. */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
export const RFC3339_MESSAGE =
  '$property must be an RFC 3339 date-time with a UTC offset, e.g. 2026-11-22T09:00:00+08:00';

export const isCleanText = (v: unknown): boolean =>
  typeof v === 'string' && !CONTROL_CHAR.test(v) && !LONE_SURROGATE.test(v);

/** Text that Postgres can store and a reviewer can read: no control characters, no lone surrogates. */
export function IsCleanText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCleanText',
      validator: {
        validate: (v: unknown) => typeof v !== 'string' || isCleanText(v),
        defaultMessage: () =>
          '$property must not contain control characters or broken Unicode (unpaired surrogates)',
      },
    },
    options,
  );
}
