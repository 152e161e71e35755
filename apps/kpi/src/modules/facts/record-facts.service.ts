import { Injectable } from '@nestjs/common';
import { isTimeZone } from '@qa/business-calendar';
import {
  CallbackCompleted,
  CallbackScheduled,
  CallDirection,
  CallDisposition,
  CallIngested,
  CallPurpose,
  ComplaintOpened,
  ComplaintSlaBreached,
  ComplaintTransitioned,
  EvaluationReviewed,
  EvaluationScored,
  EventMeta,
  FindingOutcome,
  TenantUpserted,
} from '@qa/contracts';
import { configuredPiiCipher } from '@qa/pii';
import { EntityManager } from 'typeorm';
import {
  complaintState,
  Disposition,
  dispositionOf,
  RESOLVED_STATUSES,
  ticketHoursToClose,
} from '../kpis/domain/kpi-facts';
import { DEFAULT_TIMEZONE } from '../kpis/domain/time-buckets';
import {
  CallbackRow,
  CallFactRow,
  ComplaintStateRow,
  FactsRepository,
  TicketKey,
} from './facts.repository';
import { ContributionsRepository, UnitKey } from './contributions.repository';
import { opaqueCustomer } from './opaque-customer';

export interface Incoming<E> {
  event: E;
  meta: EventMeta;
}

const PURPOSE: Record<number, string> = {
  [CallPurpose.CALL_PURPOSE_SERVICE]: 'service',
  [CallPurpose.CALL_PURPOSE_COMPLAINT]: 'complaint',
  [CallPurpose.CALL_PURPOSE_CALLBACK]: 'callback',
  [CallPurpose.CALL_PURPOSE_TRAINING]: 'training',
};
const DISPOSITION: Record<number, Disposition> = {
  [CallDisposition.CALL_DISPOSITION_ANSWERED]: 'answered',
  [CallDisposition.CALL_DISPOSITION_NO_ANSWER]: 'no_answer',
  [CallDisposition.CALL_DISPOSITION_BUSY]: 'busy',
  [CallDisposition.CALL_DISPOSITION_FAILED]: 'failed',
  [CallDisposition.CALL_DISPOSITION_CONGESTION]: 'congestion',
};
const THREE_RINGS = 'answer.within-three-rings';
const orNull = (s: string) => (s ? s : null);
const callKey = (r: { tenant_id: string; call_id: string }) => ({
  tenant_id: r.tenant_id,
  id: r.call_id,
});
const ticketKey = (r: { tenant_id: string; ticket_id: string }) => ({
  tenant_id: r.tenant_id,
  id: r.ticket_id,
});
const unit = (kind: UnitKey['kind']) => (r: { tenant_id: string; id: string }) => ({
  kind,
  tenant_id: r.tenant_id,
  unit_id: r.id,
});

/** One row per key: the one a later event stands for wins, so a batch never hits a row twice. */
function latestPerKey<T>(rows: T[], key: (r: T) => string, newer: (a: T, b: T) => boolean): T[] {
  const out = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const cur = out.get(k);
    if (!cur || newer(r, cur)) out.set(k, r);
  }
  return [...out.values()];
}

/**
 * Turns events into facts and queues what they change in the aggregates (each unit's
 * contribution, old out and new in). Every method takes a whole batch and the consumer's
 * transaction, so a set-based consumer calls it once per chunk.
 */
@Injectable()
export class RecordFactsService {
  constructor(
    private readonly facts: FactsRepository,
    private readonly contributions: ContributionsRepository,
  ) {}

  async tenants(m: EntityManager, items: Incoming<TenantUpserted>[]): Promise<void> {
    for (const { event } of items) {
      const tz = event.timezone && isTimeZone(event.timezone) ? event.timezone : DEFAULT_TIMEZONE;
      await this.facts.lockTenants(m, [event.tenantId]);
      const before = await this.facts.upsertTenant(m, event.tenantId, tz);
      if (before !== null && before !== tz) {
        // Calendar buckets move with the zone: the aggregator refolds everything, holding off.
        await this.contributions.lockAggregation(m);
        await this.contributions.restartTenant(m, event.tenantId);
        await this.deriveTickets(m, await this.facts.ticketsOf(m, event.tenantId));
      }
    }
  }

  async calls(m: EntityManager, items: Incoming<CallIngested>[]): Promise<void> {
    const cipher = configuredPiiCipher();
    const rows: CallFactRow[] = items.map(({ event, meta }) => {
      const c = event.call!;
      return {
        tenant_id: c.tenantId,
        call_id: c.callId,
        agent_id: c.agentId,
        team_id: c.teamId,
        purpose: PURPOSE[c.purpose] ?? 'service',
        // The opaque key; an older event's clear id is never stored (opaqueCustomer).
        customer_id: opaqueCustomer(cipher, c.tenantId, c.customer?.customerKey || c.customer?.id),
        started_at: c.startedAt,
        answered_at: orNull(c.answeredAt),
        ended_at: orNull(c.endedAt),
        csat: c.csat >= 1 && c.csat <= 5 ? c.csat : null,
        related_call_ids: c.relatedCallIds.filter((id) => id && id !== c.callId),
        // Events from before the disposition: answered when they have an answer time.
        disposition: dispositionOf({
          disposition: DISPOSITION[c.disposition],
          answeredAt: c.answeredAt ? 0 : null,
        }),
        direction: c.direction === CallDirection.CALL_DIRECTION_OUTBOUND ? 'outbound' : 'inbound',
        occurred_at: meta.occurredAt || event.ingestedAt || c.startedAt,
      };
    });
    const unique = latestPerKey(
      rows,
      (r) => `${r.tenant_id}\u0000${r.call_id}`,
      (a, b) => Date.parse(a.occurred_at) > Date.parse(b.occurred_at),
    );
    // The calls it follows up change too (their first-contact resolution): they are locked as
    // well, so a call arriving at the same time as its follow-up is seen by it.
    const keys = [
      ...unique.map(callKey),
      ...unique.flatMap((r) => r.related_call_ids.map((id) => ({ tenant_id: r.tenant_id, id }))),
    ];
    await this.facts.lockKeys(m, 'call', keys);
    // A score counts for production calls that were answered: where that changed, the score is
    // taken (after the calls, so never the other way round); otherwise its chunk need not wait.
    const recount = (await this.facts.upsertCalls(m, unique)).map(callKey);
    await this.facts.lockKeys(m, 'score', recount);
    await this.contributions.refresh(m, [...keys.map(unit('call')), ...recount.map(unit('score'))]);
  }

  async scored(m: EntityManager, items: Incoming<EvaluationScored>[]): Promise<void> {
    const rows = items.map(({ event: e, meta }) => {
      const ring = e.findings.find((f) => f.ruleId === THREE_RINGS)?.outcome;
      return {
        tenant_id: e.tenantId,
        evaluation_id: e.evaluationId,
        call_id: e.callId,
        agent_id: e.agentId,
        team_id: e.teamId,
        scorecard_id: e.scorecardId,
        scorecard_version: e.scorecardVersion,
        active: e.scorecardActive,
        score: e.score,
        three_ring:
          ring === FindingOutcome.FINDING_OUTCOME_PASS
            ? ('pass' as const)
            : ring === FindingOutcome.FINDING_OUTCOME_FAIL
              ? ('fail' as const)
              : null,
        forbidden_hits: e.forbiddenPhraseCount,
        call_started_at: e.callStartedAt,
        scored_at: meta.occurredAt,
      };
    });
    await this.facts.lockKeys(m, 'score', rows.map(callKey));
    await this.facts.insertEvaluations(m, rows);
    await this.rederiveCalls(m, rows);
  }

  async reviewed(m: EntityManager, items: Incoming<EvaluationReviewed>[]): Promise<void> {
    const rows = latestPerKey(
      items.map(({ event: e, meta }) => ({
        tenant_id: e.tenantId,
        evaluation_id: e.evaluationId,
        call_id: e.callId,
        score: e.score,
        finalized: e.finalized,
        reviewed_at: meta.occurredAt,
        event_id: meta.eventId,
      })),
      (r) => `${r.tenant_id}\u0000${r.evaluation_id}`,
      (a, b) =>
        Date.parse(a.reviewed_at) > Date.parse(b.reviewed_at) ||
        (a.reviewed_at === b.reviewed_at && a.event_id > b.event_id),
    );
    await this.facts.lockKeys(m, 'score', rows.map(callKey));
    await this.facts.upsertReviews(m, rows);
    await this.rederiveCalls(m, rows);
  }

  private async rederiveCalls(m: EntityManager, rows: { tenant_id: string; call_id: string }[]) {
    await this.facts.deriveCallScores(m, rows);
    await this.contributions.refresh(m, rows.map(callKey).map(unit('score')));
  }

  async opened(m: EntityManager, items: Incoming<ComplaintOpened>[]): Promise<void> {
    const cipher = configuredPiiCipher();
    const rows = items.map(({ event: e }) => ({
      tenant_id: e.tenantId,
      ticket_id: e.ticketId,
      call_id: e.callId,
      agent_id: e.agentId,
      team_id: e.teamId,
      customer_id: opaqueCustomer(cipher, e.tenantId, e.customerId),
      category: e.category,
      repeat: e.repeat,
      opened_at: e.openedAt,
    }));
    await this.facts.lockKeys(m, 'ticket', rows.map(ticketKey));
    await this.facts.upsertComplaints(
      m,
      latestPerKey(
        rows,
        (r) => `${r.tenant_id}\u0000${r.ticket_id}`,
        () => false,
      ),
    );
    await this.deriveTickets(m, rows);
  }

  async transitioned(m: EntityManager, items: Incoming<ComplaintTransitioned>[]): Promise<void> {
    const rows = items.map(({ event: e }) => ({
      tenant_id: e.tenantId,
      ticket_id: e.ticketId,
      version: e.version,
      from_status: e.fromStatus,
      to_status: e.toStatus,
      at: e.at,
      agent_id: e.agentId,
      team_id: e.teamId,
      business_hours_open: e.businessHoursOpen ?? null,
    }));
    await this.facts.lockKeys(m, 'ticket', rows.map(ticketKey));
    await this.facts.insertTransitions(
      m,
      latestPerKey(
        rows,
        (r) => `${r.tenant_id}\u0000${r.ticket_id}\u0000${r.version}`,
        () => false,
      ),
    );
    await this.deriveTickets(m, rows);
  }

  async breached(m: EntityManager, items: Incoming<ComplaintSlaBreached>[]): Promise<void> {
    const rows = latestPerKey(
      items.map(({ event: e }) => ({
        tenant_id: e.tenantId,
        ticket_id: e.ticketId,
        status: e.status,
        due_at: e.dueAt,
        breached_at: e.breachedAt,
      })),
      (r) => [r.tenant_id, r.ticket_id, r.status, r.due_at].join('\u0000'),
      () => false,
    );
    await this.facts.lockKeys(m, 'ticket', rows.map(ticketKey));
    await this.facts.insertBreaches(m, rows);
    await this.deriveTickets(m, rows);
  }

  async callbackScheduled(m: EntityManager, items: Incoming<CallbackScheduled>[]): Promise<void> {
    await this.callbacks(
      m,
      items.map(({ event: e }) => ({
        tenant_id: e.tenantId,
        ticket_id: e.ticketId,
        attempt: e.attempt,
        due_at: e.dueAt,
        done_at: null,
        outcome: null,
        satisfaction: null,
        agent_id: '',
        team_id: '',
      })),
    );
  }

  async callbackCompleted(m: EntityManager, items: Incoming<CallbackCompleted>[]): Promise<void> {
    await this.callbacks(
      m,
      items.map(({ event: e }) => ({
        tenant_id: e.tenantId,
        ticket_id: e.ticketId,
        attempt: e.attempt,
        due_at: null,
        done_at: e.doneAt,
        outcome: e.outcome,
        satisfaction: e.satisfaction >= 1 && e.satisfaction <= 5 ? e.satisfaction : null,
        agent_id: e.agentId,
        team_id: e.teamId,
      })),
    );
  }

  private async callbacks(m: EntityManager, rows: CallbackRow[]): Promise<void> {
    await this.facts.lockKeys(m, 'ticket', rows.map(ticketKey));
    // Scheduled and completed events of one attempt in one batch: apply them one after another.
    for (const row of rows) await this.facts.upsertCallbacks(m, [row]);
    await this.deriveTickets(m, rows);
  }

  /**
   * Recomputes each ticket's state from all its facts, then what the ticket adds to the
   * aggregates in every minute it counts in (opened, closed, breaches, callbacks due and done).
   */
  async deriveTickets(m: EntityManager, keys: TicketKey[]): Promise<void> {
    const unique = latestPerKey(
      keys,
      (k) => `${k.tenant_id}\u0000${k.ticket_id}`,
      () => false,
    );
    if (unique.length === 0) return;
    const f = await this.facts.ticketFacts(m, unique);
    const id = (r: TicketKey) => `${r.tenant_id}\u0000${r.ticket_id}`;
    const opened = new Map(f.opened.map((r) => [id(r), r]));
    const transitions = new Map<string, typeof f.transitions>();
    for (const t of f.transitions) transitions.set(id(t), [...(transitions.get(id(t)) ?? []), t]);
    const states: ComplaintStateRow[] = [];
    for (const k of unique) {
      const o = opened.get(id(k));
      const ts = (transitions.get(id(k)) ?? []).sort((a, b) => a.version - b.version);
      if (!o && ts.length === 0) continue;
      const last = ts[ts.length - 1];
      const s = complaintState({
        ticketId: k.ticket_id,
        agentId: '',
        teamId: '',
        repeat: false,
        openedAt: null,
        transitions: ts.map((t) => ({
          version: t.version,
          to: t.to_status,
          at: t.at.getTime(),
          businessHoursOpen: t.business_hours_open,
        })),
        breachedAt: [],
      });
      const openedAt = o?.opened_at.getTime() ?? null;
      states.push({
        tenant_id: k.tenant_id,
        ticket_id: k.ticket_id,
        agent_id: o?.agent_id || last?.agent_id || '',
        team_id: o?.team_id || last?.team_id || '',
        opened_at: o ? o.opened_at.toISOString() : null,
        repeat: o?.repeat ?? false,
        status: s.status,
        resolved_clean: RESOLVED_STATUSES.includes(s.status) && !s.reopened,
        closed_at: s.closedAt === null ? null : new Date(s.closedAt).toISOString(),
        hours_to_close:
          s.closedAt !== null && openedAt !== null
            ? ticketHoursToClose(openedAt, s.closedAt, s.businessHoursOpen)
            : null,
      });
    }
    await this.facts.upsertComplaintState(m, states);
    await this.contributions.refresh(m, unique.map(ticketKey).map(unit('ticket')));
  }
}
