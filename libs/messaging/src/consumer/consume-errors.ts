/** A message that can never succeed (bad content, broken invariant): dead-letter it at once. */
export class PermanentConsumeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = PermanentConsumeError.name;
  }
}

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; reason: string };
