import { DEFAULT_CALENDAR } from '@qa/business-calendar';
import { DEFAULT_SETTINGS, mergeSettings } from './complaint-settings';
import { SLA_PRESETS } from './sla-policy';
import {
  clocksAfterMove,
  openingClocks,
  passedUnbreached,
  pauseAll,
  resumeAll,
  slaView,
} from './ticket-clocks';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const iso = (local: string) => at(local).toISOString();
const cal = DEFAULT_CALENDAR;
const policy = SLA_PRESETS.standard;

describe('ticket clocks', () => {
  it('opens with a first-response and a reply deadline, nearest first', () => {
    const clocks = openingClocks(cal, policy, at('2026-11-27 17:50'));
    const view = slaView(cal, clocks, [], at('2026-11-27 17:51'));
    expect(view).toMatchObject({
      acceptBy: iso('2026-11-30 09:20'),
      replyBy: iso('2026-11-28 17:50'),
      callbackBy: null,
      overdue: false,
      paused: false,
    });
    expect(view.nextDueAt).toBe(iso('2026-11-28 17:50'));
  });

  it('keeps the first response met through a reply, a reopen and a second acceptance', () => {
    let clocks = openingClocks(cal, policy, at('2026-11-30 09:00'));
    clocks = clocksAfterMove(cal, policy, clocks, 'accepted', at('2026-11-30 09:10'));
    const met = clocks.accept;
    for (const to of ['investigating', 'solution_proposed', 'reopened', 'accepted'] as const) {
      clocks = clocksAfterMove(cal, policy, clocks, to, at('2026-11-30 11:00'));
    }
    expect(clocks.accept).toEqual(met);
    expect(clocks.accept?.stoppedAt).toBe(iso('2026-11-30 09:10'));
    // The reopen promised a new reply from 11:00.
    expect(slaView(cal, clocks, [], at('2026-11-30 11:00')).replyBy).toBe(iso('2026-12-01 11:00'));
  });

  it('starts the callback clock when the callback is scheduled and stops it when done', () => {
    let clocks = openingClocks(cal, policy, at('2026-11-30 09:00'));
    clocks = clocksAfterMove(cal, policy, clocks, 'resolved', at('2026-11-30 14:00'));
    clocks = clocksAfterMove(cal, policy, clocks, 'callback_scheduled', at('2026-11-30 14:00'));
    expect(slaView(cal, clocks, [], at('2026-11-30 14:00')).callbackBy).toBe(
      iso('2026-11-30 18:00'),
    );
    clocks = clocksAfterMove(cal, policy, clocks, 'callback_done', at('2026-11-30 15:00'));
    expect(slaView(cal, clocks, [], at('2026-11-30 15:00')).nextDueAt).toBeNull();
  });

  it('is overdue while a breached target is unmet, and not once it is met', () => {
    let clocks = openingClocks(cal, policy, at('2026-11-30 09:00'));
    const breach = [
      { purpose: 'accept' as const, dueAt: iso('2026-11-30 09:30'), at: iso('2026-11-30 09:30') },
    ];
    expect(slaView(cal, clocks, breach, at('2026-11-30 09:31')).overdue).toBe(true);
    clocks = clocksAfterMove(cal, policy, clocks, 'accepted', at('2026-11-30 09:40'));
    expect(slaView(cal, clocks, breach, at('2026-11-30 09:41')).overdue).toBe(false);
  });

  it('counts a deadline already past as overdue before its timer fires', () => {
    const clocks = openingClocks(cal, policy, at('2026-11-30 09:00'));
    expect(slaView(cal, clocks, [], at('2026-11-30 09:45')).overdue).toBe(true);
  });

  it('pauses every running clock while waiting on the customer', () => {
    let clocks = openingClocks(cal, policy, at('2026-11-27 17:00'));
    clocks = pauseAll(cal, clocks, at('2026-11-27 17:10'));
    const paused = slaView(cal, clocks, [], at('2026-11-30 12:00'));
    expect(paused).toMatchObject({ paused: true, acceptBy: null, replyBy: null, overdue: false });
    clocks = resumeAll(clocks, at('2026-11-30 09:00'));
    expect(slaView(cal, clocks, [], at('2026-11-30 09:00')).acceptBy).toBe(iso('2026-11-30 09:20'));
  });
});

describe('complaint settings', () => {
  it('applies a regulator preset and keeps the rest', () => {
    const r = mergeSettings(DEFAULT_SETTINGS, { preset: '12315' });
    expect(r.errors).toEqual([]);
    expect(r.settings?.sla).toEqual(SLA_PRESETS['12315']);
    expect(r.settings?.calendar).toEqual(DEFAULT_SETTINGS.calendar);
  });

  it('makes the settings custom when durations are given', () => {
    const r = mergeSettings(DEFAULT_SETTINGS, {
      sla: { accept: { basis: 'calendar', minutes: 15 } },
    });
    expect(r.settings?.preset).toBe('custom');
    expect(r.settings?.sla.accept).toEqual({ basis: 'calendar', minutes: 15 });
    expect(r.settings?.sla.reply).toEqual(DEFAULT_SETTINGS.sla.reply);
  });

  it('names every bad field', () => {
    const r = mergeSettings(DEFAULT_SETTINGS, {
      preset: 'fast',
      sla: { reply: { basis: 'weeks', minutes: 1 } },
      callbackRetry: { attempts: 0 },
      calendar: { periods: [{ start: '18:00', end: '09:00' }] },
      colour: 'red',
    });
    expect(r.settings).toBeUndefined();
    expect(r.errors.map((e) => e.path)).toEqual([
      'preset',
      'sla.reply.basis',
      'callbackRetry.attempts',
      'calendar.periods.0',
      'colour',
    ]);
  });

  it('finds running deadlines already past and not yet breached, and only those', () => {
    const clocks = openingClocks(cal, policy, at('2026-11-30 09:00'));
    const acceptBy = slaView(cal, clocks, [], at('2026-11-30 09:00')).acceptBy!;
    // Before and at the deadline: nothing passed.
    expect(passedUnbreached(cal, clocks, [], new Date(acceptBy))).toEqual([]);
    const late = new Date(Date.parse(acceptBy) + 60_000);
    expect(passedUnbreached(cal, clocks, [], late)).toEqual([
      { purpose: 'accept', dueAt: acceptBy },
    ]);
    // A breach already recorded for that deadline is not recorded again.
    const breached = [{ purpose: 'accept' as const, dueAt: acceptBy, at: acceptBy }];
    expect(passedUnbreached(cal, clocks, breached, late)).toEqual([]);
    // A stopped or paused clock has no running deadline.
    const stopped = clocksAfterMove(cal, policy, clocks, 'accepted', at('2026-11-30 09:05'));
    expect(passedUnbreached(cal, stopped, [], late)).toEqual([]);
    expect(passedUnbreached(cal, pauseAll(cal, clocks, at('2026-11-30 09:05')), [], late)).toEqual(
      [],
    );
  });
});
