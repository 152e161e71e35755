import { addCounted, BusinessCalendar, countedMinutes, SlaBasis } from '@qa/business-calendar';

/**
 * One SLA timer as an accumulator: minutes already used are folded in whenever the clock pauses or
 * the calendar changes, so used time stays and only the remaining time follows the new calendar.
 * Pure: every function takes `now`.
 */
export interface SlaClock {
  basis: SlaBasis;
  budgetMinutes: number;
  usedMinutes: number;
  /** Running since (ISO); null while paused or once stopped. */
  since: string | null;
  /** When the target was met (ISO); a stopped clock never starts again. */
  stoppedAt: string | null;
}

export type ClockState = 'running' | 'paused' | 'met';

export function startClock(basis: SlaBasis, budgetMinutes: number, now: Date): SlaClock {
  return { basis, budgetMinutes, usedMinutes: 0, since: now.toISOString(), stoppedAt: null };
}

export function clockState(clock: SlaClock): ClockState {
  if (clock.stoppedAt) return 'met';
  return clock.since ? 'running' : 'paused';
}

function fold(cal: BusinessCalendar, clock: SlaClock, now: Date): number {
  if (!clock.since) return clock.usedMinutes;
  return clock.usedMinutes + countedMinutes(cal, clock.basis, new Date(clock.since), now);
}

export function usedMinutes(cal: BusinessCalendar, clock: SlaClock, now: Date): number {
  return fold(cal, clock, now);
}

export function pauseClock(cal: BusinessCalendar, clock: SlaClock, now: Date): SlaClock {
  if (clockState(clock) !== 'running') return clock;
  return { ...clock, usedMinutes: fold(cal, clock, now), since: null };
}

export function resumeClock(clock: SlaClock, now: Date): SlaClock {
  if (clockState(clock) !== 'paused') return clock;
  return { ...clock, since: now.toISOString() };
}

/** Meets the target. Stopping a stopped clock changes nothing: a later reply is not the first. */
export function stopClock(cal: BusinessCalendar, clock: SlaClock, now: Date): SlaClock {
  if (clockState(clock) === 'met') return clock;
  return {
    ...clock,
    usedMinutes: fold(cal, clock, now),
    since: null,
    stoppedAt: now.toISOString(),
  };
}

/** Call with the calendar in force until `now`, before the new one applies. */
export function rebaseClock(oldCal: BusinessCalendar, clock: SlaClock, now: Date): SlaClock {
  if (clockState(clock) !== 'running') return clock;
  return { ...clock, usedMinutes: fold(oldCal, clock, now), since: now.toISOString() };
}

/** The deadline of a running clock under `cal`; null while paused or once met. */
export function dueAt(cal: BusinessCalendar, clock: SlaClock): Date | null {
  if (clockState(clock) !== 'running') return null;
  return addCounted(
    cal,
    clock.basis,
    new Date(clock.since!),
    clock.budgetMinutes - clock.usedMinutes,
  );
}
