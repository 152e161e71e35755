import { BusinessCalendar, DEFAULT_CALENDAR, validateCalendar } from '@qa/business-calendar';
import { SLA_PRESETS, SlaPolicy, SlaPresetName, SlaRule } from './sla-policy';

export interface CallbackRetry {
  /** How many calls that find no answer before the callback counts as failed. */
  attempts: number;
  /** Working minutes between two attempts. */
  delayMinutes: number;
}

export interface ComplaintSettings {
  preset: SlaPresetName | 'custom';
  sla: SlaPolicy;
  callbackRetry: CallbackRetry;
  calendar: BusinessCalendar;
}

export const DEFAULT_SETTINGS: ComplaintSettings = {
  preset: 'standard',
  sla: SLA_PRESETS.standard,
  callbackRetry: { attempts: 3, delayMinutes: 60 },
  calendar: DEFAULT_CALENDAR,
};

interface FieldError {
  path: string;
  message: string;
}

const BASES: readonly string[] = ['business_hours', 'working_days', 'calendar', 'same_working_day'];
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function ruleErrors(path: string, rule: unknown): FieldError[] {
  if (!isObject(rule)) return [{ path, message: 'an object {basis, minutes}' }];
  if (!BASES.includes(String(rule.basis)))
    return [{ path: `${path}.basis`, message: `one of ${BASES.join(', ')}` }];
  if (rule.basis === 'same_working_day') return [];
  const m = rule.minutes;
  return typeof m === 'number' && Number.isFinite(m) && m > 0 && m <= 366 * 1440
    ? []
    : [{ path: `${path}.minutes`, message: 'a positive number of minutes, at most a year' }];
}

/**
 * Merges a PUT body over the current settings and checks it. A preset other than `custom`
 * replaces the SLA durations; `sla` alone makes the settings custom.
 */
export function mergeSettings(
  current: ComplaintSettings,
  input: Record<string, unknown>,
): { settings?: ComplaintSettings; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const presets = [...Object.keys(SLA_PRESETS), 'custom'];
  let preset = current.preset;
  let sla: SlaPolicy = current.sla;
  if (input.preset !== undefined) {
    if (!presets.includes(String(input.preset)))
      errors.push({ path: 'preset', message: `one of ${presets.join(', ')}` });
    else preset = input.preset as ComplaintSettings['preset'];
  }
  if (input.sla !== undefined) {
    if (!isObject(input.sla)) errors.push({ path: 'sla', message: 'an object' });
    else {
      const merged = { ...sla, ...input.sla } as Record<string, unknown>;
      for (const k of ['accept', 'reply', 'callback'])
        errors.push(...ruleErrors(`sla.${k}`, merged[k]));
      sla = {
        accept: merged.accept as SlaRule,
        reply: merged.reply as SlaRule,
        callback: merged.callback as SlaRule,
      };
      if (input.preset === undefined) preset = 'custom';
    }
  }
  if (preset !== 'custom' && input.preset !== undefined) sla = SLA_PRESETS[preset];
  let callbackRetry = current.callbackRetry;
  if (input.callbackRetry !== undefined) {
    const r = isObject(input.callbackRetry) ? { ...callbackRetry, ...input.callbackRetry } : null;
    if (!r || !Number.isInteger(r.attempts) || r.attempts < 1 || r.attempts > 10)
      errors.push({ path: 'callbackRetry.attempts', message: 'an integer from 1 to 10' });
    if (!r || typeof r.delayMinutes !== 'number' || !(r.delayMinutes > 0) || r.delayMinutes > 10080)
      errors.push({
        path: 'callbackRetry.delayMinutes',
        message: 'minutes, above 0, at most a week',
      });
    if (r) callbackRetry = r as CallbackRetry;
  }
  let calendar = current.calendar;
  if (input.calendar !== undefined) {
    if (!isObject(input.calendar)) errors.push({ path: 'calendar', message: 'an object' });
    else {
      const c = { ...calendar, ...input.calendar } as BusinessCalendar;
      const shapeOk =
        Array.isArray(c.periods) &&
        c.periods.every((p) => isObject(p)) &&
        Array.isArray(c.weekdays) &&
        Array.isArray(c.holidays) &&
        Array.isArray(c.workdays) &&
        ['cn', 'none'].includes(c.holidaySource);
      if (!shapeOk)
        errors.push({
          path: 'calendar',
          message:
            'periods [{start, end}], weekdays [], holidays [], workdays [], holidaySource cn|none',
        });
      else errors.push(...validateCalendar(c));
      calendar = c;
    }
  }
  const unknown = Object.keys(input).filter(
    (k) => !['preset', 'sla', 'callbackRetry', 'calendar', 'expectedVersion'].includes(k),
  );
  for (const k of unknown) errors.push({ path: k, message: 'unknown field' });
  return errors.length
    ? { errors }
    : { settings: { preset, sla, callbackRetry, calendar }, errors };
}
