export interface ByteRange {
  start: number;
  end: number;
}

export type RangeResult =
  { kind: 'full' } | { kind: 'partial'; ranges: ByteRange[] } | { kind: 'unsatisfiable' };

/** More ranges than this (after merging) are answered with the whole file: cheaper for both. */
export const MAX_RANGES = 16;

/**
 * A `Range` header (RFC 9110 §14.2): `bytes=` with one or more ranges. Ranges are clamped to the
 * file, sorted and merged where they overlap or touch; those starting past the end are dropped.
 * Another unit is ignored (the whole file); a malformed set, or one with no range inside the
 * file, is unsatisfiable (416).
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (!header) return { kind: 'full' };
  const eq = header.indexOf('=');
  if (eq < 0 || header.slice(0, eq).trim().toLowerCase() !== 'bytes') return { kind: 'full' };
  const ranges: ByteRange[] = [];
  for (const spec of header.slice(eq + 1).split(',')) {
    const m = /^(\d*)-(\d*)$/.exec(spec.trim());
    if (!m || (m[1] === '' && m[2] === '')) return { kind: 'unsatisfiable' };
    if (m[1] === '') {
      const suffix = Number(m[2]);
      if (suffix > 0 && size > 0) ranges.push({ start: Math.max(0, size - suffix), end: size - 1 });
      continue;
    }
    const start = Number(m[1]);
    const last = m[2] === '' ? Infinity : Number(m[2]);
    if (last < start) return { kind: 'unsatisfiable' };
    if (start < size) ranges.push({ start, end: Math.min(last, size - 1) });
  }
  if (ranges.length === 0) return { kind: 'unsatisfiable' };
  ranges.sort((a, b) => a.start - b.start);
  const merged: ByteRange[] = [ranges[0]];
  for (const r of ranges.slice(1)) {
    const prev = merged[merged.length - 1];
    if (r.start <= prev.end + 1) prev.end = Math.max(prev.end, r.end);
    else merged.push({ ...r });
  }
  if (merged.length > MAX_RANGES) return { kind: 'full' };
  return { kind: 'partial', ranges: merged };
}

const tagsOf = (header: string) =>
  header
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

/** If-None-Match uses the weak comparison: `W/"x"` matches `"x"`; `*` matches any file. */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = (t: string) => t.replace(/^W\//, '');
  return tagsOf(header).some((t) => t === '*' || bare(t) === bare(etag));
}

/**
 * If-Range (RFC 9110 §13.1.5): the range applies only when the validator is the current strong
 * ETag. A weak tag, another tag or a date (we send no Last-Modified) means the client holds some
 * other version: it gets the whole current file, never bytes of it to splice onto the old ones.
 */
export const ifRangeHolds = (header: string | undefined, etag: string): boolean =>
  header === undefined || header.trim() === etag;

export type RecordingAnswer =
  { status: 200 } | { status: 206; ranges: ByteRange[] } | { status: 304 } | { status: 416 };

/** What a GET or HEAD of a recording answers, from its conditional and range headers. */
export function answerFor(
  headers: { range?: string; ifRange?: string; ifNoneMatch?: string },
  file: { etag: string; size: number },
): RecordingAnswer {
  if (noneMatch(headers.ifNoneMatch, file.etag)) return { status: 304 };
  if (!headers.range || !ifRangeHolds(headers.ifRange, file.etag)) return { status: 200 };
  const r = parseRange(headers.range, file.size);
  if (r.kind === 'unsatisfiable') return { status: 416 };
  if (r.kind === 'full') return { status: 200 };
  return { status: 206, ranges: r.ranges };
}
