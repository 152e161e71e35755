import cnDays from 'chinese-days/dist/chinese-days.json';

/** A working period of a day in local time, `HH:MM`–`HH:MM` (end exclusive; `24:00` allowed). */
export interface WorkingPeriod {
  start: string;
  end: string;
}

/**
 * A tenant's business calendar. Local time is a fixed UTC offset (China has no daylight saving).
 * A day is a working day when the tenant's own lists say so, else by the Chinese public holidays
 * and adjusted working days (调休) of `chinese-days` when `holidaySource` is `cn`, else by weekday.
 */
export interface BusinessCalendar {
  utcOffsetMinutes: number;
  /** Several periods a day, e.g. 09:00–12:00 and 13:30–18:00 (a lunch break). */
  periods: WorkingPeriod[];
  /** 0 = Sunday … 6 = Saturday. */
  weekdays: number[];
  holidaySource: 'cn' | 'none';
  /** The tenant's own days off (YYYY-MM-DD), e.g. a company day. */
  holidays: string[];
  /** The tenant's own extra working days (YYYY-MM-DD). */
  workdays: string[];
}

/** How an SLA clock counts: working periods only, whole working days, or every minute. */
export type SlaBasis = 'business_hours' | 'working_days' | 'calendar';

export const DEFAULT_CALENDAR: BusinessCalendar = {
  utcOffsetMinutes: 480,
  periods: [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ],
  weekdays: [1, 2, 3, 4, 5],
  holidaySource: 'cn',
  holidays: [],
  workdays: [],
};

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
/** Ten years without a working minute means the calendar is unusable, not that time is far. */
const MAX_DAYS = 3660;

const cn = cnDays as { holidays: Record<string, string>; workdays: Record<string, string> };

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** The local date (YYYY-MM-DD) of an instant. */
export function localDate(cal: BusinessCalendar, at: Date): string {
  return new Date(at.getTime() + cal.utcOffsetMinutes * MINUTE).toISOString().slice(0, 10);
}

/** UTC epoch ms of a local date's midnight. */
function dayStart(cal: BusinessCalendar, date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - cal.utcOffsetMinutes * MINUTE;
}

const nextDate = (date: string): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

export function isWorkingDay(cal: BusinessCalendar, date: string): boolean {
  if (cal.workdays.includes(date)) return true;
  if (cal.holidays.includes(date)) return false;
  if (cal.holidaySource === 'cn') {
    if (cn.holidays[date]) return false;
    if (cn.workdays[date]) return true;
  }
  return cal.weekdays.includes(new Date(`${date}T00:00:00Z`).getUTCDay());
}

/** The counted intervals of one local day, as UTC epoch ms pairs. */
function countedIntervals(
  cal: BusinessCalendar,
  basis: SlaBasis,
  date: string,
): [number, number][] {
  const start = dayStart(cal, date);
  if (basis === 'calendar') return [[start, start + DAY]];
  if (!isWorkingDay(cal, date)) return [];
  if (basis === 'working_days') return [[start, start + DAY]];
  return cal.periods.map((p) => [
    start + toMinutes(p.start) * MINUTE,
    start + toMinutes(p.end) * MINUTE,
  ]);
}

/** Counted minutes in [from, to). */
export function countedMinutes(
  cal: BusinessCalendar,
  basis: SlaBasis,
  from: Date,
  to: Date,
): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  let total = 0;
  const last = localDate(cal, to);
  for (let date = localDate(cal, from), n = 0; n <= MAX_DAYS; date = nextDate(date), n++) {
    for (const [s, e] of countedIntervals(cal, basis, date)) {
      total += Math.max(0, Math.min(e, b) - Math.max(s, a));
    }
    if (date === last) break;
  }
  return total / MINUTE;
}

/** Working hours of the calendar in [from, to) (e.g. how long a ticket was open, in business hours). */
export function businessHoursBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  return countedMinutes(cal, 'business_hours', from, to) / 60;
}

/** The instant when `minutes` counted minutes have passed after `from`. */
export function addCounted(
  cal: BusinessCalendar,
  basis: SlaBasis,
  from: Date,
  minutes: number,
): Date {
  let remaining = Math.max(0, minutes) * MINUTE;
  const cursor = from.getTime();
  if (remaining === 0) return new Date(cursor);
  for (let date = localDate(cal, from), n = 0; n <= MAX_DAYS; date = nextDate(date), n++) {
    for (const [s, e] of countedIntervals(cal, basis, date)) {
      const begin = Math.max(s, cursor);
      if (begin >= e) continue;
      if (remaining <= e - begin) return new Date(begin + remaining);
      remaining -= e - begin;
    }
  }
  throw new Error('the business calendar has no working time');
}

/** The end of the working day `from` falls in, or of the next one if its hours are over. */
export function endOfWorkingDay(cal: BusinessCalendar, from: Date): Date {
  const at = from.getTime();
  for (let date = localDate(cal, from), n = 0; n <= MAX_DAYS; date = nextDate(date), n++) {
    const ends = countedIntervals(cal, 'business_hours', date).map(([, e]) => e);
    const end = Math.max(...ends, -Infinity);
    if (end > at) return new Date(end);
  }
  throw new Error('the business calendar has no working time');
}

/** Problems with a calendar, as field paths and messages; empty when it is usable. */
export function validateCalendar(cal: BusinessCalendar): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
  let prevEnd = -1;
  cal.periods.forEach((p, i) => {
    if (!hhmm.test(p.start) || !hhmm.test(p.end)) {
      problems.push({ path: `calendar.periods.${i}`, message: 'times must be HH:MM' });
      return;
    }
    const s = toMinutes(p.start);
    const e = toMinutes(p.end);
    if (e <= s)
      problems.push({ path: `calendar.periods.${i}`, message: 'end must be after start' });
    if (s < prevEnd)
      problems.push({
        path: `calendar.periods.${i}`,
        message: 'periods must be in order and not overlap',
      });
    prevEnd = e;
  });
  if (cal.periods.length === 0)
    problems.push({ path: 'calendar.periods', message: 'at least one working period' });
  if (cal.weekdays.some((d) => !Number.isInteger(d) || d < 0 || d > 6))
    problems.push({ path: 'calendar.weekdays', message: 'weekdays are 0 (Sunday) to 6' });
  const date = /^\d{4}-\d{2}-\d{2}$/;
  for (const key of ['holidays', 'workdays'] as const) {
    cal[key].forEach((d, i) => {
      if (!date.test(d) || Number.isNaN(Date.parse(d)))
        problems.push({ path: `calendar.${key}.${i}`, message: 'dates are YYYY-MM-DD' });
    });
  }
  if (!Number.isInteger(cal.utcOffsetMinutes) || Math.abs(cal.utcOffsetMinutes) > 14 * 60)
    problems.push({ path: 'calendar.utcOffsetMinutes', message: 'an offset in minutes, ±840' });
  return problems;
}
