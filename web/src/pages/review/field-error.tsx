import { ApiError, FieldError } from '../../api';

/** The server's field errors whose path is `prefix` or lies under it (`overrides.0.reason`). */
export function errorsUnder(error: unknown, prefix: string): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  return error.errors.filter((f) => f.path === prefix || f.path.startsWith(`${prefix}.`));
}

/** The messages for one field, shown right by it. */
export function FieldMessage({ error, prefix }: { error: unknown; prefix: string | undefined }) {
  const fields = prefix === undefined ? [] : errorsUnder(error, prefix);
  if (fields.length === 0) return null;
  return (
    <span className="field-error error" data-field={prefix}>
      {fields.map((f) => f.message).join('; ')}
    </span>
  );
}
