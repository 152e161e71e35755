import { BusinessCalendar, DEFAULT_CALENDAR } from '@qa/business-calendar';
import {
  clockState,
  dueAt,
  pauseClock,
  rebaseClock,
  resumeClock,
  startClock,
  stopClock,
  usedMinutes,
} from './sla-clock';
import { clockFor, SLA_PRESETS } from './sla-policy';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const iso = (local: string) => at(local).toISOString();
const cal = DEFAULT_CALENDAR;

describe('SLA clock', () => {
  it('gives the deadline of a running clock', () => {
    const clock = startClock('business_hours', 30, at('2026-11-27 17:50'));
    expect(dueAt(cal, clock)?.toISOString()).toBe(iso('2026-11-30 09:20'));
  });

  it('pauses while waiting on the customer, over a weekend, and resumes where it stood', () => {
    let clock = startClock('business_hours', 240, at('2026-11-27 16:00'));
    clock = pauseClock(cal, clock, at('2026-11-27 17:00'));
    expect(clockState(clock)).toBe('paused');
    expect(dueAt(cal, clock)).toBeNull();
    expect(usedMinutes(cal, clock, at('2026-11-29 12:00'))).toBe(60);
    clock = resumeClock(clock, at('2026-11-30 10:00'));
    // 180 minutes left: 10:00–12:00, then 60 after lunch.
    expect(dueAt(cal, clock)?.toISOString()).toBe(iso('2026-11-30 14:30'));
  });

  it('counts nothing of the weekend when the customer answers on a Saturday', () => {
    let clock = startClock('business_hours', 240, at('2026-11-27 16:00'));
    clock = pauseClock(cal, clock, at('2026-11-27 17:00'));
    clock = resumeClock(clock, at('2026-11-28 10:00'));
    expect(dueAt(cal, clock)?.toISOString()).toBe(iso('2026-11-30 12:00'));
  });

  it('keeps used time and recomputes the rest when the calendar changes mid-ticket', () => {
    const longDay: BusinessCalendar = { ...cal, periods: [{ start: '08:00', end: '20:00' }] };
    let clock = startClock('business_hours', 480, at('2026-11-30 09:00'));
    expect(dueAt(cal, clock)?.toISOString()).toBe(iso('2026-12-01 09:30'));
    clock = rebaseClock(cal, clock, at('2026-11-30 11:00'));
    expect(clock.usedMinutes).toBe(120);
    // 360 minutes left under the new hours: 11:00 → 17:00, not 08:00-based from the start.
    expect(dueAt(longDay, clock)?.toISOString()).toBe(iso('2026-11-30 17:00'));
  });

  it('moves a deadline off a day the tenant newly declares a holiday', () => {
    const withHoliday: BusinessCalendar = { ...cal, holidays: ['2026-12-01'] };
    let clock = startClock('business_hours', 480, at('2026-11-30 09:00'));
    clock = rebaseClock(cal, clock, at('2026-11-30 10:00'));
    expect(dueAt(withHoliday, clock)?.toISOString()).toBe(iso('2026-12-02 09:30'));
  });

  it('does not reset the first-response clock when a later reply comes', () => {
    let clock = startClock('business_hours', 30, at('2026-11-30 09:00'));
    clock = stopClock(cal, clock, at('2026-11-30 09:10'));
    const again = stopClock(cal, clock, at('2026-11-30 10:00'));
    expect(again).toBe(clock);
    expect(again.stoppedAt).toBe(iso('2026-11-30 09:10'));
    expect(again.usedMinutes).toBe(10);
    expect(resumeClock(again, at('2026-11-30 11:00'))).toBe(clock);
    expect(clockState(again)).toBe('met');
  });

  it('gives an overdue deadline in the past rather than none', () => {
    let clock = startClock('business_hours', 30, at('2026-11-30 09:00'));
    clock = rebaseClock(cal, clock, at('2026-11-30 10:00'));
    expect(dueAt(cal, clock)?.toISOString()).toBe(iso('2026-11-30 10:00'));
  });

  it('starts the callback clock to the end of the working day', () => {
    const c = clockFor(cal, SLA_PRESETS.standard.callback, at('2026-11-30 15:00'));
    expect(dueAt(cal, c)?.toISOString()).toBe(iso('2026-11-30 18:00'));
    const late = clockFor(cal, SLA_PRESETS.standard.callback, at('2026-11-27 19:00'));
    expect(dueAt(cal, late)?.toISOString()).toBe(iso('2026-11-30 18:00'));
  });

  it('uses working days for 12315 and calendar days for financial complaints', () => {
    const opened = at('2026-09-30 10:00');
    expect(dueAt(cal, clockFor(cal, SLA_PRESETS['12315'].accept, opened))?.toISOString()).toBe(
      iso('2026-10-15 10:00'),
    );
    expect(dueAt(cal, clockFor(cal, SLA_PRESETS.financial.reply, opened))?.toISOString()).toBe(
      iso('2026-10-15 10:00'),
    );
  });
});
