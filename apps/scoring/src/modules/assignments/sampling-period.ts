import { zonedDate } from '@qa/business-calendar';

export const SAMPLING_PERIODS = ['day', 'week', 'month'] as const;
export type SamplingPeriod = (typeof SAMPLING_PERIODS)[number];

/**
 * The first local day (YYYY-MM-DD) of the period holding `at` in `timeZone`: the day itself, the
 * Monday of its ISO week, or the first of its month.
 */
export function periodStart(at: Date, period: SamplingPeriod, timeZone: string): string {
  const day = zonedDate(at, timeZone);
  if (period === 'day') return day;
  if (period === 'month') return `${day.slice(0, 8)}01`;
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}
