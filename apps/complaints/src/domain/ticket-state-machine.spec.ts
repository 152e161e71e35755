import {
  acceptsCallback,
  allowedMoves,
  canMove,
  isTicketStatus,
  TICKET_STATUSES,
  TicketStatus,
} from './ticket-state-machine';

const LEGAL: Array<[TicketStatus, TicketStatus]> = [
  ['open', 'accepted'],
  ['open', 'escalated'],
  ['accepted', 'investigating'],
  ['accepted', 'escalated'],
  ['investigating', 'solution_proposed'],
  ['investigating', 'escalated'],
  ['solution_proposed', 'resolved'],
  ['solution_proposed', 'reopened'],
  ['solution_proposed', 'escalated'],
  ['resolved', 'callback_scheduled'],
  ['resolved', 'reopened'],
  ['resolved', 'escalated'],
  ['callback_scheduled', 'callback_done'],
  ['callback_scheduled', 'reopened'],
  ['callback_scheduled', 'escalated'],
  ['callback_done', 'closed'],
  ['callback_done', 'reopened'],
  ['reopened', 'accepted'],
  ['reopened', 'investigating'],
  ['reopened', 'escalated'],
  ['escalated', 'accepted'],
  ['escalated', 'investigating'],
  ['escalated', 'solution_proposed'],
  ['escalated', 'resolved'],
  ['escalated', 'callback_scheduled'],
  ['escalated', 'callback_done'],
];

const key = (from: string, to: string) => `${from}->${to}`;
const legal = new Set(LEGAL.map(([f, t]) => key(f, t)));
const ILLEGAL = TICKET_STATUSES.flatMap((from) =>
  TICKET_STATUSES.filter((to) => !legal.has(key(from, to))).map((to) => [from, to] as const),
);

describe('ticket state machine', () => {
  it.each(LEGAL)('allows %s → %s', (from, to) => {
    expect(canMove(from, to)).toBe(true);
    expect(allowedMoves(from)).toContain(to);
  });

  it.each(ILLEGAL)('refuses %s → %s', (from, to) => {
    expect(canMove(from, to)).toBe(false);
    expect(allowedMoves(from)).not.toContain(to);
  });

  it('covers every pair of statuses exactly once', () => {
    expect(LEGAL.length + ILLEGAL.length).toBe(TICKET_STATUSES.length ** 2);
  });

  it('has no way out of closed and no move to the same status', () => {
    expect(allowedMoves('closed')).toEqual([]);
    for (const s of TICKET_STATUSES) expect(canMove(s, s)).toBe(false);
  });

  it('walks the happy path from open to closed', () => {
    const path: TicketStatus[] = [
      'open',
      'accepted',
      'investigating',
      'solution_proposed',
      'resolved',
      'callback_scheduled',
      'callback_done',
      'closed',
    ];
    for (let i = 1; i < path.length; i++) expect(canMove(path[i - 1], path[i])).toBe(true);
  });

  it('recognises statuses and where callbacks may be recorded', () => {
    expect(isTicketStatus('resolved')).toBe(true);
    expect(isTicketStatus('done')).toBe(false);
    expect(acceptsCallback('callback_scheduled')).toBe(true);
    expect(acceptsCallback('closed')).toBe(false);
    expect(acceptsCallback('open')).toBe(false);
  });
});
