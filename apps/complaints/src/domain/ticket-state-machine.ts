/** The complaint lifecycle (seed 002: 有投诉即时受理,迅速有结果,处理后有回访). Pure: no I/O. */
export const TICKET_STATUSES = [
  'open',
  'accepted',
  'investigating',
  'solution_proposed',
  'resolved',
  'callback_scheduled',
  'callback_done',
  'closed',
  'reopened',
  'escalated',
] as const;

export type TicketStatus = (typeof TICKET_STATUSES)[number];

/**
 * Every legal move. `reopened`: the customer rejects the solution or the callback finds them
 * unhappy. `escalated`: an SLA breached (or a lead escalates by hand); the supervisor then puts the
 * ticket back where the work stands. `closed` is final: a new complaint is a new (repeat) ticket.
 */
const MOVES: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  open: ['accepted', 'escalated'],
  accepted: ['investigating', 'escalated'],
  investigating: ['solution_proposed', 'escalated'],
  solution_proposed: ['resolved', 'reopened', 'escalated'],
  resolved: ['callback_scheduled', 'reopened', 'escalated'],
  callback_scheduled: ['callback_done', 'reopened', 'escalated'],
  callback_done: ['closed', 'reopened'],
  closed: [],
  reopened: ['accepted', 'investigating', 'escalated'],
  escalated: [
    'accepted',
    'investigating',
    'solution_proposed',
    'resolved',
    'callback_scheduled',
    'callback_done',
  ],
};

export function allowedMoves(from: TicketStatus): readonly TicketStatus[] {
  return MOVES[from];
}

export function canMove(from: TicketStatus, to: TicketStatus): boolean {
  return MOVES[from].includes(to);
}

export function isTicketStatus(value: string): value is TicketStatus {
  return (TICKET_STATUSES as readonly string[]).includes(value);
}

/** Statuses in which the ticket still has work (and timers) ahead of it. */
export function isActive(status: TicketStatus): boolean {
  return status !== 'closed';
}

/** Where a callback (回访) may be recorded (escalated: a callback that is late). */
export function acceptsCallback(status: TicketStatus): boolean {
  return status === 'callback_scheduled' || status === 'escalated';
}
