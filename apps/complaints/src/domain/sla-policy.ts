import { BusinessCalendar, countedMinutes, endOfWorkingDay, SlaBasis } from '@qa/business-calendar';
import { SlaClock, startClock } from './sla-clock';

/** A duration on a basis, or "by the end of the working day" (the callback's default). */
export type SlaRule = { basis: SlaBasis; minutes: number } | { basis: 'same_working_day' };

export interface SlaPolicy {
  /** 受理: the first response. */
  accept: SlaRule;
  /** The promised reply (a result for the customer). */
  reply: SlaRule;
  /** The follow-up callback (回访) after resolution. */
  callback: SlaRule;
}

export const SLA_PRESETS = {
  /** The tenant's defaults: accept in 30 working minutes, reply in 24 h, call back the same day. */
  standard: {
    accept: { basis: 'business_hours', minutes: 30 },
    reply: { basis: 'calendar', minutes: 24 * 60 },
    callback: { basis: 'same_working_day' },
  },
  /** Financial consumer complaints: counted in calendar days (decision within 15 days). */
  financial: {
    accept: { basis: 'calendar', minutes: 24 * 60 },
    reply: { basis: 'calendar', minutes: 15 * 24 * 60 },
    callback: { basis: 'calendar', minutes: 3 * 24 * 60 },
  },
  /** 12315 market regulation: accept within 7 working days, mediate within 45 working days. */
  '12315': {
    accept: { basis: 'working_days', minutes: 7 * 1440 },
    reply: { basis: 'working_days', minutes: 45 * 1440 },
    callback: { basis: 'working_days', minutes: 3 * 1440 },
  },
} as const satisfies Record<string, SlaPolicy>;

export type SlaPresetName = keyof typeof SLA_PRESETS;

export function clockFor(cal: BusinessCalendar, rule: SlaRule, now: Date): SlaClock {
  if (rule.basis !== 'same_working_day') return startClock(rule.basis, rule.minutes, now);
  const budget = countedMinutes(cal, 'business_hours', now, endOfWorkingDay(cal, now));
  return startClock('business_hours', budget, now);
}
