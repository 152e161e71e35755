/** One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
const field = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * A CSV file as a download URL. The byte order mark makes Excel read the Chinese as UTF-8; a
 * field starting with = + - @ is prefixed with ' so a spreadsheet does not run it as a formula.
 */
export function csvUrl(rows: (string | number | null)[][]): string {
  const text = rows
    .map((r) => r.map((v) => field(typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v)))
    .map((r) => r.join(','))
    .join('\r\n');
  return URL.createObjectURL(
    new Blob(['\ufeff', text, '\r\n'], { type: 'text/csv;charset=utf-8' }),
  );
}
