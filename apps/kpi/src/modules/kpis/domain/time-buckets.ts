import { fromWallClock, wallClock } from '@qa/business-calendar';

export const WINDOWS = ['minute', 'hour', 'day', 'month'] as const;
export type KpiWindow = (typeof WINDOWS)[number];
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Start of the bucket holding instant `t`: minutes by the clock, the rest by the tenant's calendar. */
export function bucketStart(t: number, window: KpiWindow, tz: string): number {
  const minute = Math.floor(t / MINUTE) * MINUTE;
  if (window === 'minute') return minute;
  const p = wallClock(minute, tz);
  if (window === 'hour') return minute - p.minute * MINUTE;
  if (window === 'day') return fromWallClock(tz, p.year, p.month, p.day);
  return fromWallClock(tz, p.year, p.month, 1);
}

export function nextBucket(start: number, window: KpiWindow, tz: string): number {
  if (window === 'minute') return start + MINUTE;
  if (window === 'hour') return start + HOUR;
  const p = wallClock(start, tz);
  if (window === 'day') return fromWallClock(tz, p.year, p.month, p.day + 1);
  return fromWallClock(tz, p.year, p.month + 1, 1);
}
