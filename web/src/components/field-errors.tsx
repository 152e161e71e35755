import { ApiError } from '../api';
import { problemText } from '../error-messages';
import { useUi } from '../ui';

/** A refused request's message in the reader's language (the server's words when not an API problem). */
function useProblemText(error: unknown): string {
  const { lang } = useUi();
  if (error instanceof ApiError) return problemText(error, lang);
  return error ? (error as Error).message : '';
}

/** A refused form: the message, then every field the server named. */
export function FieldErrors({ error }: { error: unknown }) {
  const text = useProblemText(error);
  if (!error) return null;
  const fields = error instanceof ApiError ? error.errors : [];
  return (
    <div className="error" role="alert">
      <p>{text}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.path}>
              <code>{f.path}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A refused request's message alone, for forms that show each field's error beside the field. */
export function ErrorMessage({ error }: { error: unknown }) {
  const text = useProblemText(error);
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {text}
    </p>
  );
}
