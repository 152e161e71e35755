import { ApiError, FieldError } from '../api';

/**
 * The server's field errors whose path is `prefix` or lies under it (`overrides.0.reason`);
 * `exact`: only those about the whole field (`answers`: a manual item left unanswered).
 */
export function errorsUnder(error: unknown, prefix: string, exact = false): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  return error.errors.filter(
    (f) => f.path === prefix || (!exact && f.path.startsWith(`${prefix}.`)),
  );
}

/** The messages for one field, shown right by it. */
export function FieldMessage({
  error,
  prefix,
  exact = false,
}: {
  error: unknown;
  prefix: string | undefined;
  exact?: boolean;
}) {
  const fields = prefix === undefined ? [] : errorsUnder(error, prefix, exact);
  if (fields.length === 0) return null;
  return (
    <span className="field-error error" data-field={prefix}>
      {fields.map((f) => f.message).join('; ')}
    </span>
  );
}
