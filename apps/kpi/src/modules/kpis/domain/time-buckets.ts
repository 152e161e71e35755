export const WINDOWS = ['minute', 'hour', 'day', 'month'] as const;
export type KpiWindow = (typeof WINDOWS)[number];
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface LocalParts {
  y: number;
  m: number;
  d: number;
  h: number;
  min: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function localParts(t: number, tz: string): LocalParts {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
  return { y: p.year, m: p.month, d: p.day, h: p.hour, min: p.minute };
}

/** The instant a local wall-clock time stands for in `tz` (two passes settle DST edges). */
export function fromLocal(tz: string, y: number, m: number, d = 1, h = 0, min = 0): number {
  const wall = Date.UTC(y, m - 1, d, h, min);
  let t = wall;
  for (let i = 0; i < 2; i++) {
    const p = localParts(t, tz);
    t += wall - Date.UTC(p.y, p.m - 1, p.d, p.h, p.min);
  }
  return t;
}

export function isTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Start of the bucket holding instant `t`: minutes by the clock, the rest by the tenant's calendar. */
export function bucketStart(t: number, window: KpiWindow, tz: string): number {
  const minute = Math.floor(t / MINUTE) * MINUTE;
  if (window === 'minute') return minute;
  const p = localParts(minute, tz);
  if (window === 'hour') return minute - p.min * MINUTE;
  if (window === 'day') return fromLocal(tz, p.y, p.m, p.d);
  return fromLocal(tz, p.y, p.m, 1);
}

/** Start of the bucket after the one starting at `start`. */
export function nextBucket(start: number, window: KpiWindow, tz: string): number {
  if (window === 'minute') return start + MINUTE;
  if (window === 'hour') return start + HOUR;
  const p = localParts(start, tz);
  if (window === 'day') return fromLocal(tz, p.y, p.m, p.d + 1);
  return fromLocal(tz, p.y, p.m + 1, 1);
}
