import type { FieldError } from '@qa/platform';

export const MAX_BATCH = 10_000;

export type ParsedItem = { ok: true; value: unknown } | { ok: false; errors: FieldError[] };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A batch body: a JSON array (already parsed) or NDJSON bytes, one call per line. A line that is
 * not valid UTF-8 or not JSON becomes a rejected item; the other lines still count.
 */
export function parseBatch(body: unknown): ParsedItem[] | FieldError {
  if (Array.isArray(body)) return body.map((value) => ({ ok: true, value }));
  if (!Buffer.isBuffer(body)) {
    return {
      path: '',
      message: 'send a JSON array (application/json) or NDJSON (application/x-ndjson)',
    };
  }
  const items: ParsedItem[] = [];
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i < body.length && body[i] !== 0x0a) continue;
    const line = body.subarray(start, i);
    start = i + 1;
    if (line.length === 0 || (line.length === 1 && line[0] === 0x0d)) continue;
    let text: string;
    try {
      text = utf8.decode(line);
    } catch {
      items.push({ ok: false, errors: [{ path: '', message: 'line is not valid UTF-8' }] });
      continue;
    }
    try {
      items.push({ ok: true, value: JSON.parse(text) });
    } catch (err) {
      items.push({
        ok: false,
        errors: [{ path: '', message: `line is not JSON: ${(err as Error).message}` }],
      });
    }
  }
  return items;
}
