import { Injectable, Logger } from '@nestjs/common';
import {
  Call,
  CallPurpose,
  EvaluationScored,
  EventMeta,
  FindingOutcome,
  Speaker,
} from '@qa/contracts';
import { openEventCustomer, piiCipher } from '@qa/pii';
import { EntityManager } from 'typeorm';
import { readCallbackCall } from '../../domain/callback-call';
import { slaView } from '../../domain/ticket-clocks';
import { acceptsCallback } from '../../domain/ticket-state-machine';
import { SettingsRepository } from '../settings/settings.repository';
import { SlaTimers } from '../sla/sla-timers';
import { customerLookup } from '../tickets/ticket-customer';
import { TicketsRepository } from '../tickets/tickets.repository';
import { CallbackCallRow, CallbackCallsRepository } from './callback-calls.repository';
import { CallbacksService } from './callbacks.service';

const SCRIPT_RULE = 'callback.script';

/**
 * An outbound callback call linked to a ticket (by ticket id or original call id in its related
 * calls, else by the customer) becomes the ticket's callback record once both the call
 * (qa.call.ingested.v1) and its script check (qa.evaluation.scored.v1) have arrived, in either order.
 */
@Injectable()
export class AutoCallbackService {
  private readonly logger = new Logger(AutoCallbackService.name);

  constructor(
    private readonly calls: CallbackCallsRepository,
    private readonly tickets: TicketsRepository,
    private readonly settingsRepo: SettingsRepository,
    private readonly callbacks: CallbacksService,
    private readonly timers: SlaTimers,
  ) {}

  async onCalls(
    manager: EntityManager,
    items: ReadonlyArray<{ event: { call?: Call }; meta: EventMeta }>,
  ) {
    for (const { event, meta } of items) {
      const call = event.call;
      if (!call || call.purpose !== CallPurpose.CALL_PURPOSE_CALLBACK) continue;
      const lookup = customerLookup(
        piiCipher(),
        call.tenantId,
        openEventCustomer(piiCipher(), call.customer),
      );
      const ticketId = await this.calls.ticketFor(manager, {
        tenantId: call.tenantId,
        related: call.relatedCallIds,
        customerHmacs: [call.customer?.customerKey, lookup.idHmac, lookup.phoneHmac].filter(
          (k): k is string => !!k,
        ),
      });
      if (!ticketId) continue;
      const row = await this.calls.saveCall(manager, {
        tenantId: call.tenantId,
        callId: call.callId,
        ticketId,
        facts: readCallbackCall(call, Speaker.SPEAKER_CUSTOMER),
      });
      await this.applyWhenComplete(manager, row, meta.traceId);
    }
  }

  async onScored(
    manager: EntityManager,
    items: ReadonlyArray<{ event: EvaluationScored; meta: EventMeta }>,
  ) {
    for (const { event, meta } of items) {
      const f = event.findings.find((x) => x.ruleId === SCRIPT_RULE);
      const judged =
        f?.outcome === FindingOutcome.FINDING_OUTCOME_PASS ||
        f?.outcome === FindingOutcome.FINDING_OUTCOME_FAIL;
      if (!f || !judged) continue; // not a callback call: nothing stored
      const row = await this.calls.saveScript(manager, {
        tenantId: event.tenantId,
        callId: event.callId,
        script: {
          outcome: f.outcome === FindingOutcome.FINDING_OUTCOME_PASS ? 'pass' : 'fail',
          evidence: f.evidence.map((e) => e.text),
        },
      });
      await this.applyWhenComplete(manager, row, meta.traceId);
    }
  }

  private async applyWhenComplete(manager: EntityManager, row: CallbackCallRow, traceId: string) {
    if (!row.ticketId || !row.facts || !row.script || row.appliedAt) return;
    await this.calls.markApplied(manager, row.tenantId, row.callId);
    const t = await this.tickets.lock(manager, row.tenantId, row.ticketId);
    if (!t) return;
    const { settings } = await this.settingsRepo.get(t.tenantId, manager);
    const now = new Date();
    if (
      !acceptsCallback(t.status) ||
      !slaView(settings.calendar, t.clocks, t.breached, now).callbackBy
    ) {
      this.logger.warn(
        { ticketId: t.id, callId: row.callId, status: t.status },
        'callback call for a ticket that expects none',
      );
      return;
    }
    const { facts, script } = row;
    await this.callbacks.apply(
      manager,
      t,
      {
        outcome: facts.answered ? 'reached' : 'no_answer',
        ...(facts.satisfaction ? { satisfaction: facts.satisfaction } : {}),
        ...(facts.problemRemains ? { problemSolved: false } : {}),
        callId: row.callId,
        notes: `from callback call ${row.callId}; ${SCRIPT_RULE}: ${script.outcome}${
          script.evidence.length ? ` (${script.evidence.join(' / ')})` : ''
        }`,
      },
      { actor: 'system', now, traceId, settings },
    );
    await this.timers.schedule([t], settings.calendar);
  }
}
