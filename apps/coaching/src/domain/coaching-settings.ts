import { BusinessCalendar, DEFAULT_CALENDAR, validateCalendar } from '@qa/business-calendar';
import type { FieldError } from '@qa/platform';
import { DEFAULT_THRESHOLD, Threshold } from './coaching-trigger';

/** A tenant's coaching settings: when to open an assignment, and the calendar appraisals use. */
export interface CoachingSettings {
  threshold: Threshold;
  /** Working days of the monthly appraisal (seed 002: n working days, at most 3n plan points). */
  calendar: BusinessCalendar;
}

export const DEFAULT_SETTINGS: CoachingSettings = {
  threshold: DEFAULT_THRESHOLD,
  calendar: DEFAULT_CALENDAR,
};

const MAX_WINDOW = 50;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The settings with `patch` applied (any subset), or every field that is wrong. */
export function mergeSettings(
  current: CoachingSettings,
  patch: Record<string, unknown>,
): { settings: CoachingSettings; errors: [] } | { settings: null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const known = new Set(['threshold', 'calendar', 'expectedVersion']);
  for (const key of Object.keys(patch))
    if (!known.has(key)) errors.push({ path: key, message: 'is not a setting' });

  let threshold = current.threshold;
  if (patch.threshold !== undefined) {
    if (!isObject(patch.threshold)) {
      errors.push({ path: 'threshold', message: 'an object {failures, window}' });
    } else {
      threshold = { ...current.threshold, ...(patch.threshold as Partial<Threshold>) };
      const { failures, window } = threshold;
      if (!Number.isInteger(window) || window < 1 || window > MAX_WINDOW)
        errors.push({ path: 'threshold.window', message: `an integer from 1 to ${MAX_WINDOW}` });
      if (!Number.isInteger(failures) || failures < 1 || failures > window)
        errors.push({
          path: 'threshold.failures',
          message: 'an integer from 1 to threshold.window',
        });
    }
  }

  let calendar = current.calendar;
  if (patch.calendar !== undefined) {
    if (!isObject(patch.calendar)) {
      errors.push({ path: 'calendar', message: 'a business calendar object' });
    } else {
      calendar = { ...current.calendar, ...(patch.calendar as Partial<BusinessCalendar>) };
      if (!['cn', 'none'].includes(calendar.holidaySource))
        errors.push({ path: 'calendar.holidaySource', message: 'cn or none' });
      for (const key of ['periods', 'weekdays', 'holidays', 'workdays'] as const)
        if (!Array.isArray(calendar[key]))
          errors.push({ path: `calendar.${key}`, message: 'a list' });
      if (!errors.some((e) => e.path.startsWith('calendar')))
        errors.push(...validateCalendar(calendar));
    }
  }
  return errors.length
    ? { settings: null, errors }
    : { settings: { threshold, calendar }, errors: [] };
}
