import type { StatsRow } from './stats.repository';

const HEADER = [
  'key',
  'opened',
  'resolved',
  'closed',
  'reopened',
  'repeat',
  'medianHoursToClose',
  'onTimeCallbackRate',
] as const;

/** A cell as spreadsheets read it: quoted when needed, and never taken for a formula. */
function cell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function statsCsv(rows: StatsRow[]): string {
  const lines = [HEADER.join(','), ...rows.map((r) => HEADER.map((h) => cell(r[h])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
