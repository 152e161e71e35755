import { createHash } from 'node:crypto';
import type { CallInput } from '@qa/qa-rules';
import type { Client } from 'pg';
import type { GatewayClient } from '../bench/platform/gateway-client';
import { callbackCall } from './fault-calls';

/**
 * What the lead does with a ticket: `leave` it until the accept deadline breaches (then works it
 * to a proposed solution, which stops its clocks); `callback`: works it to resolved, and the
 * follow-up is an outbound callback call through ingestion and scoring; `no-answer`: works it to
 * resolved, records an unanswered callback by hand, lets the retry's deadline breach, then closes.
 */
export type TicketPlan = 'leave' | 'callback' | 'no-answer';

export interface TicketRow {
  id: string;
  call_id: string | null;
  status: string;
  version: number;
  callback_attempt: number;
  breached: { purpose: string; dueAt: string }[];
}

const WORK_PATH: Record<string, string> = {
  open: 'accepted',
  reopened: 'accepted',
  accepted: 'investigating',
  investigating: 'solution_proposed',
  solution_proposed: 'resolved',
};

/** Drives the tenant's tickets through the gateway as a team lead would, under the faults. */
export class ComplaintLead {
  /** Callback calls posted, by ticket: callId → the original call's id. */
  readonly callbackCalls = new Map<string, string>();
  readonly noAnswerRecorded = new Set<string>();
  apiErrors = 0;
  private readonly calls = new Map<string, CallInput>();

  constructor(
    private readonly client: GatewayClient,
    private readonly db: Client,
    private readonly tenantId: string,
    private readonly seed: number,
  ) {}

  remember(call: CallInput): void {
    this.calls.set(call.callId, call);
  }

  planOf(callId: string): TicketPlan {
    const h = createHash('sha256').update(`${this.seed}:${callId}`).digest()[0] / 256;
    return h < 0.4 ? 'leave' : h < 0.8 ? 'callback' : 'no-answer';
  }

  async tickets(): Promise<TicketRow[]> {
    return (
      await this.db.query<TicketRow>(
        `SELECT id, call_id, status, version, callback_attempt, breached
         FROM complaints.tickets WHERE tenant_id = $1`,
        [this.tenantId],
      )
    ).rows;
  }

  /** Whether a ticket has reached its plan's end (no running clock left). */
  done(t: TicketRow): boolean {
    const plan = this.planOf(t.call_id ?? t.id);
    if (plan === 'leave') return t.status === 'solution_proposed' && breachedFor(t, 'accept');
    if (plan === 'no-answer') return t.status === 'closed' && breachedFor(t, 'callback');
    return t.status === 'closed';
  }

  /** One pass over every ticket: at most one step each, a few at a time. */
  async pass(): Promise<{ tickets: number; done: number }> {
    const rows = await this.tickets();
    const open = rows.filter((t) => !this.done(t));
    for (let i = 0; i < open.length; i += 8)
      await Promise.all(
        open.slice(i, i + 8).map((t) => this.step(t).catch(() => this.apiErrors++)),
      );
    return { tickets: rows.length, done: rows.length - open.length };
  }

  private async step(t: TicketRow): Promise<void> {
    const plan = this.planOf(t.call_id ?? t.id);
    const afterResolve = t.callback_attempt > 0;
    if (plan === 'leave') {
      if (t.status === 'escalated' && breachedFor(t, 'accept'))
        await this.move(t, 'solution_proposed', 'handled late, after the accept deadline');
      return;
    }
    if (!afterResolve) {
      const to = t.status === 'escalated' ? 'accepted' : WORK_PATH[t.status];
      if (to) await this.move(t, to, 'worked by the fault test');
      return;
    }
    if (t.status === 'callback_done') return this.move(t, 'closed', 'callback done');
    if (plan === 'callback') {
      if (t.status === 'callback_scheduled' || t.status === 'escalated') await this.postCallback(t);
      return;
    }
    if (!this.noAnswerRecorded.has(t.id)) {
      if (t.status === 'callback_scheduled' || t.status === 'escalated') await this.noAnswer(t);
      return;
    }
    if (t.status === 'escalated' && breachedFor(t, 'callback'))
      await this.move(t, 'callback_done', 'customer unreachable; closed after the retry');
  }

  private async move(t: TicketRow, to: string, reason: string): Promise<void> {
    const a = await this.client.send(
      'POST',
      `/api/v1/complaints/${t.id}/transitions`,
      JSON.stringify({ to, reason, expectedVersion: t.version }),
    );
    if (a.status !== 200) this.apiErrors++;
  }

  /** The callback call has a fixed id per ticket: posting it again is a duplicate, never a second. */
  private async postCallback(t: TicketRow): Promise<void> {
    const of = t.call_id ? this.calls.get(t.call_id) : undefined;
    if (!of) return;
    const callId = `${of.callId}-cb`;
    const a = await this.client.send(
      'POST',
      '/api/v1/calls',
      JSON.stringify(callbackCall(of, callId, Date.parse(of.endedAt) + 3_600_000)),
    );
    if (a.status === 201 || a.status === 200) this.callbackCalls.set(callId, of.callId);
    else this.apiErrors++;
  }

  /**
   * Recording a callback is not idempotent: after an answer that did not arrive, the ticket's
   * callbacks say whether it was stored before trying again.
   */
  private async noAnswer(t: TicketRow): Promise<void> {
    const stored = await this.db.query(
      `SELECT 1 FROM complaints.callbacks WHERE ticket_id = $1 AND outcome = 'no_answer'`,
      [t.id],
    );
    if (stored.rowCount) {
      this.noAnswerRecorded.add(t.id);
      return;
    }
    const a = await this.client
      .send(
        'POST',
        `/api/v1/complaints/${t.id}/callbacks`,
        JSON.stringify({ outcome: 'no_answer' }),
      )
      .catch(() => undefined);
    if (a?.status === 201) this.noAnswerRecorded.add(t.id);
    else this.apiErrors++;
  }
}

export const breachedFor = (t: Pick<TicketRow, 'breached'>, purpose: string) =>
  t.breached.some((b) => b.purpose === purpose);
