import { BusinessCalendar } from '@qa/business-calendar';
import { maskPhone, maskPii } from '@qa/pii';
import { slaView } from '../../domain/ticket-clocks';
import { allowedMoves } from '../../domain/ticket-state-machine';
import { CallbackEntity } from '../callbacks/callback.entity';
import {
  CallbackResponseDto,
  HistoryEntryResponseDto,
  TicketResponseDto,
} from './dto/ticket.response.dto';
import { TicketHistoryEntity } from './entities/ticket-history.entity';
import { TicketEntity } from './entities/ticket.entity';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Free text by the call view's rules: whole for roles that see PII, numbers masked for the rest. */
const text = (value: string, canSeePii: boolean) => (canSeePii ? value : maskPii(value));
const textOrNull = (value: string | null, canSeePii: boolean) =>
  value === null ? null : text(value, canSeePii);

export function toTicketResponse(
  t: TicketEntity,
  canSeePii: boolean,
  cal: BusinessCalendar,
  now: Date,
): TicketResponseDto {
  const view = slaView(cal, t.clocks, t.breached, now);
  return {
    id: t.id,
    callId: t.callId,
    evaluationId: t.evaluationId,
    // Masked by the call view's rules: an id may be an ID-card number, a description quotes the call.
    customer: {
      id: t.customerId && !canSeePii ? maskPii(t.customerId) : t.customerId,
      phone: t.customerPhone && !canSeePii ? maskPhone(t.customerPhone) : t.customerPhone,
    },
    agentId: t.agentId,
    teamId: t.teamId,
    category: t.category,
    severity: t.severity,
    description: text(t.description, canSeePii),
    status: t.status,
    allowedMoves: [...allowedMoves(t.status)],
    version: t.version,
    assignee: t.assignee,
    rootCause: textOrNull(t.rootCause, canSeePii),
    department: textOrNull(t.department, canSeePii),
    promisedReplyAt: iso(t.promisedReplyAt),
    sla: {
      acceptBy: view.acceptBy,
      replyBy: view.replyBy,
      callbackBy: view.callbackBy,
      nextDueAt: view.nextDueAt,
      overdue: view.overdue,
      breached: t.breached,
      paused: view.paused,
    },
    repeatOf: t.repeatOf,
    callbackAttempt: t.callbackAttempt,
    reopenedCount: t.reopenedCount,
    openedAt: t.openedAt.toISOString(),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    links: {
      call: t.callId ? `/api/v1/calls/${encodeURIComponent(t.callId)}` : null,
      evaluations: t.callId ? `/api/v1/evaluations?callId=${encodeURIComponent(t.callId)}` : null,
    },
  };
}

export const toHistoryEntry = (
  h: TicketHistoryEntity,
  canSeePii: boolean,
): HistoryEntryResponseDto => ({
  at: h.at.toISOString(),
  by: h.actor,
  from: h.fromStatus,
  to: h.toStatus,
  reason: text(h.reason, canSeePii),
});

export const toCallbackResponse = (c: CallbackEntity, canSeePii: boolean): CallbackResponseDto => ({
  id: c.id,
  attempt: c.attempt,
  outcome: c.outcome,
  satisfaction: c.satisfaction,
  notes: text(c.notes, canSeePii),
  callId: c.callId,
  by: c.recordedBy,
  at: c.at.toISOString(),
  dueAt: iso(c.dueAt),
  onTime: c.onTime,
  final: c.final,
});
