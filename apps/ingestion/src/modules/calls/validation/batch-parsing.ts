import type { FieldError } from '@qa/platform';
import { maskPii } from '@qa/pii';

export const MAX_BATCH = 10_000;

/** One batch item before validation; `line` (from 1) where the input had lines. */
export type ParsedItem =
  { ok: true; value: unknown; line?: number } | { ok: false; errors: FieldError[]; line?: number };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A batch body: a JSON array (already parsed) or NDJSON bytes, one call per line. A line that is
 * not valid UTF-8 or not JSON becomes a rejected item; the other lines still count. Parser
 * messages quote the input, so they are masked before they reach a response or a log.
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
  let line = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i < body.length && body[i] !== 0x0a) continue;
    line++;
    let chunk = body.subarray(start, i);
    start = i + 1;
    if (line === 1 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf)
      chunk = chunk.subarray(3);
    if (chunk.length > 0 && chunk[chunk.length - 1] === 0x0d) chunk = chunk.subarray(0, -1);
    if (chunk.length === 0) continue;
    let text: string;
    try {
      text = utf8.decode(chunk);
    } catch {
      items.push({ ok: false, line, errors: [{ path: '', message: 'line is not valid UTF-8' }] });
      continue;
    }
    if (text.trim() === '') continue;
    try {
      items.push({ ok: true, line, value: JSON.parse(text) });
    } catch (err) {
      items.push({
        ok: false,
        line,
        errors: [{ path: '', message: `line is not JSON: ${maskPii((err as Error).message)}` }],
      });
    }
  }
  return items;
}
