import { BusinessCalendar } from '@qa/business-calendar';
import {
  clockState,
  dueAt,
  pauseClock,
  rebaseClock,
  resumeClock,
  SlaClock,
  stopClock,
} from './sla-clock';
import { clockFor, SlaPolicy } from './sla-policy';
import { TicketStatus } from './ticket-state-machine';

export const SLA_PURPOSES = ['accept', 'reply', 'callback'] as const;
export type SlaPurpose = (typeof SLA_PURPOSES)[number];

export type TicketClocks = Partial<Record<SlaPurpose, SlaClock>>;

export interface Breach {
  purpose: SlaPurpose;
  dueAt: string;
  at: string;
}

export interface SlaView {
  acceptBy: string | null;
  replyBy: string | null;
  callbackBy: string | null;
  /** The nearest running deadline: the list's sort key. */
  nextDueAt: string | null;
  /** A breached target not met yet, or a running deadline already past. */
  overdue: boolean;
  paused: boolean;
}

const mapClocks = (clocks: TicketClocks, f: (c: SlaClock) => SlaClock): TicketClocks =>
  Object.fromEntries(Object.entries(clocks).map(([k, c]) => [k, f(c)])) as TicketClocks;

/** The clocks a ticket starts with: first response and the promised reply. */
export function openingClocks(cal: BusinessCalendar, policy: SlaPolicy, now: Date): TicketClocks {
  return { accept: clockFor(cal, policy.accept, now), reply: clockFor(cal, policy.reply, now) };
}

/**
 * What a move does to the timers. The first-response clock stops once and never restarts (a
 * reopen is not a new first response); a reopen promises a new reply.
 */
export function clocksAfterMove(
  cal: BusinessCalendar,
  policy: SlaPolicy,
  clocks: TicketClocks,
  to: TicketStatus,
  now: Date,
): TicketClocks {
  const next = moveClocks(cal, policy, clocks, to, now);
  return Object.fromEntries(Object.entries(next).filter(([, c]) => c)) as TicketClocks;
}

function moveClocks(
  cal: BusinessCalendar,
  policy: SlaPolicy,
  clocks: TicketClocks,
  to: TicketStatus,
  now: Date,
): TicketClocks {
  const stop = (c?: SlaClock) => (c ? stopClock(cal, c, now) : c);
  switch (to) {
    case 'accepted':
      return { ...clocks, accept: stop(clocks.accept) };
    case 'solution_proposed':
    case 'resolved':
      return { ...clocks, accept: stop(clocks.accept), reply: stop(clocks.reply) };
    case 'callback_scheduled':
      return { ...clocks, callback: clockFor(cal, policy.callback, now) };
    case 'callback_done':
      return { ...clocks, callback: stop(clocks.callback) };
    case 'reopened':
      return {
        ...clocks,
        reply: clockFor(cal, policy.reply, now),
        callback: stop(clocks.callback),
      };
    case 'closed':
      return mapClocks(clocks, (c) => stopClock(cal, c, now));
    default:
      return clocks;
  }
}

export function pauseAll(cal: BusinessCalendar, clocks: TicketClocks, now: Date): TicketClocks {
  return mapClocks(clocks, (c) => pauseClock(cal, c, now));
}

export function resumeAll(clocks: TicketClocks, now: Date): TicketClocks {
  return mapClocks(clocks, (c) => resumeClock(c, now));
}

/** Before a new calendar applies: fold the time used so far under the old one. */
export function rebaseAll(oldCal: BusinessCalendar, clocks: TicketClocks, now: Date): TicketClocks {
  return mapClocks(clocks, (c) => rebaseClock(oldCal, c, now));
}

/**
 * Running deadlines already past with no breach recorded: a timer that has not fired yet (a
 * restart, a queue outage) must not let a late action pass for on time, so the action records
 * these first.
 */
export function passedUnbreached(
  cal: BusinessCalendar,
  clocks: TicketClocks,
  breached: Breach[],
  now: Date,
): { purpose: SlaPurpose; dueAt: string }[] {
  const out: { purpose: SlaPurpose; dueAt: string }[] = [];
  for (const purpose of SLA_PURPOSES) {
    const c = clocks[purpose];
    const due = c ? dueAt(cal, c) : null;
    if (!due || due.getTime() >= now.getTime()) continue;
    const iso = due.toISOString();
    if (!breached.some((b) => b.purpose === purpose && b.dueAt === iso))
      out.push({ purpose, dueAt: iso });
  }
  return out;
}

export function slaView(
  cal: BusinessCalendar,
  clocks: TicketClocks,
  breached: Breach[],
  now: Date,
): SlaView {
  const due = (p: SlaPurpose) => {
    const c = clocks[p];
    return c ? (dueAt(cal, c)?.toISOString() ?? null) : null;
  };
  const view = { acceptBy: due('accept'), replyBy: due('reply'), callbackBy: due('callback') };
  const running = [view.acceptBy, view.replyBy, view.callbackBy].filter((d): d is string => !!d);
  const nextDueAt = running.sort()[0] ?? null;
  const unmetBreach = breached.some((b) => {
    const c = clocks[b.purpose];
    return c !== undefined && clockState(c) !== 'met';
  });
  return {
    ...view,
    nextDueAt,
    overdue: unmetBreach || (nextDueAt !== null && Date.parse(nextDueAt) <= now.getTime()),
    paused: Object.values(clocks).some((c) => clockState(c) === 'paused'),
  };
}
