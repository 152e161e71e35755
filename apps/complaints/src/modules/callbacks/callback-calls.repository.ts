import { Injectable } from '@nestjs/common';
import { PiiCipher, piiCipher } from '@qa/pii';
import { EntityManager } from 'typeorm';
import type { CallbackCallFacts } from '../../domain/callback-call';

export interface CallbackScript {
  outcome: 'pass' | 'fail';
  evidence: string[];
}

export interface CallbackCallRow {
  tenantId: string;
  callId: string;
  ticketId: string | null;
  facts: CallbackCallFacts | null;
  script: CallbackScript | null;
  appliedAt: Date | null;
}

interface Raw {
  tenant_id: string;
  call_id: string;
  ticket_id: string | null;
  facts: CallbackCallFacts | null;
  script: CallbackScript | null;
  applied_at: Date | null;
}

/**
 * The script check's evidence quotes the callback call (numbers and all): encrypted at rest like
 * the callback notes it ends up in. 'open' passes clear evidence of older rows through.
 */
export function rewriteScript(
  cipher: PiiCipher,
  script: CallbackScript,
  direction: 'seal' | 'open',
): CallbackScript {
  const f =
    direction === 'seal'
      ? (e: string) => (PiiCipher.isCiphertext(e) ? e : cipher.encrypt(e))
      : (e: string) => cipher.decrypt(e);
  return { ...script, evidence: script.evidence.map(f) };
}

const toRow = (r: Raw): CallbackCallRow => ({
  tenantId: r.tenant_id,
  callId: r.call_id,
  ticketId: r.ticket_id,
  facts: r.facts,
  script: r.script && rewriteScript(piiCipher(), r.script, 'open'),
  appliedAt: r.applied_at,
});

/** Either half may arrive first (two topics): each upsert returns the row as it now stands. */
@Injectable()
export class CallbackCallsRepository {
  async saveCall(
    manager: EntityManager,
    v: { tenantId: string; callId: string; ticketId: string; facts: CallbackCallFacts },
  ): Promise<CallbackCallRow> {
    const rows = (await manager.query(
      `INSERT INTO complaints.callback_calls (tenant_id, call_id, ticket_id, facts)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, call_id) DO UPDATE SET ticket_id = EXCLUDED.ticket_id, facts = EXCLUDED.facts
       RETURNING *`,
      [v.tenantId, v.callId, v.ticketId, JSON.stringify(v.facts)],
    )) as Raw[];
    return toRow(rows[0]);
  }

  async saveScript(
    manager: EntityManager,
    v: { tenantId: string; callId: string; script: CallbackScript },
  ): Promise<CallbackCallRow> {
    const rows = (await manager.query(
      `INSERT INTO complaints.callback_calls (tenant_id, call_id, script) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, call_id) DO UPDATE SET script = EXCLUDED.script
       RETURNING *`,
      [v.tenantId, v.callId, JSON.stringify(rewriteScript(piiCipher(), v.script, 'seal'))],
    )) as Raw[];
    return toRow(rows[0]);
  }

  async markApplied(manager: EntityManager, tenantId: string, callId: string): Promise<void> {
    await manager.query(
      `UPDATE complaints.callback_calls SET applied_at = now() WHERE tenant_id = $1 AND call_id = $2`,
      [tenantId, callId],
    );
  }

  /**
   * The open ticket a callback call is about: named by id or original call, else the customer's,
   * found by the keyed hashes of the call's customer id and phone (customerLookup).
   */
  async ticketFor(
    manager: EntityManager,
    v: { tenantId: string; related: string[]; customerHmacs: string[] },
  ): Promise<string | null> {
    const rows = (await manager.query(
      `SELECT id FROM complaints.tickets
       WHERE tenant_id = $1 AND status <> 'closed' AND (
         id::text = ANY($2) OR call_id = ANY($2) OR customer_key = ANY($3)
         OR customer_id_hmac = ANY($3) OR customer_phone_hmac = ANY($3))
       ORDER BY (id::text = ANY($2) OR call_id = ANY($2)) DESC,
         (status IN ('callback_scheduled', 'escalated')) DESC, opened_at DESC
       LIMIT 1`,
      [v.tenantId, v.related, v.customerHmacs],
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }
}
