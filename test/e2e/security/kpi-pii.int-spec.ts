import { randomUUID } from 'node:crypto';
import { Topics } from '@qa/contracts';
import { piiCipher } from '@qa/pii';
import { ingestedCall } from '@qa/testing';
import { keyFactCustomers } from '../../../apps/kpi/src/migrations/1764892800000-key-fact-customers';
import { KpiHarness, sent } from '../kpi-support';

const PHONE = '13800138000';
const ID_CARD = '110101199003071234';

/**
 * Security review finding #9 in the kpi service: call and complaint facts kept the customer id
 * that events from before the PII change carried in clear (an id may be an ID-card number).
 */
describe('security: no customer numbers in the kpi facts (finding #9)', () => {
  const h = new KpiHarness();
  const tenantId = `kp-${randomUUID().slice(0, 8)}`;
  const keyOf = (id: string) => piiCipher().customerKey(tenantId, { id });
  /** Every stored column of the tenant's call and complaint facts, as text. */
  const storedFacts = async () =>
    (
      (await h.db.query(
        `SELECT row_to_json(f)::text AS row FROM kpi.call_facts f WHERE tenant_id = $1
         UNION ALL
         SELECT row_to_json(f)::text FROM kpi.complaint_facts f WHERE tenant_id = $1`,
        [tenantId],
      )) as { row: string }[]
    ).map((r) => r.row);

  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('#9 records an old event’s clear customer id as the opaque key the producers send now', async () => {
    const callId = `c-${randomUUID().slice(0, 8)}`;
    // As ingestion published calls before the PII change: the numbers in clear, no key.
    const call = ingestedCall(tenantId, callId, [], {
      customer: { phone: PHONE, id: ID_CARD, name: '' },
    });
    const events = [
      sent(Topics.CallIngested, callId, { call, ingestedAt: '' }, tenantId),
      sent(
        Topics.ComplaintOpened,
        `t-${callId}`,
        {
          ticketId: `t-${callId}`,
          tenantId,
          callId,
          agentId: 'a-1',
          teamId: 't-1',
          customerId: ID_CARD,
          category: 'billing',
          repeat: false,
          openedAt: new Date().toISOString(),
          dueAt: new Date(Date.now() + 3_600_000).toISOString(),
        },
        tenantId,
      ),
    ];
    await h.publish(events);
    await h.settle(events.map((e) => e.eventId));

    const rows = await storedFacts();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).not.toContain(ID_CARD);
      expect(row).not.toContain(PHONE);
      expect((JSON.parse(row) as { customer_id: string }).customer_id).toBe(keyOf(ID_CARD));
    }
  });

  it('#9 the migration turns clear customer ids already stored into the opaque key, or blanks them without PII_KEY', async () => {
    const q = h.db.createQueryRunner();
    await q.startTransaction();
    try {
      const insert = async (callId: string, customerId: string) => {
        await q.query(
          `INSERT INTO kpi.call_facts (tenant_id, call_id, agent_id, team_id, purpose, customer_id,
             started_at, related_call_ids, disposition, occurred_at)
           VALUES ($1, $2, 'a-1', 't-1', 'service', $3, now(), '{}', 'no_answer', now())`,
          [tenantId, callId, customerId],
        );
        await q.query(
          `INSERT INTO kpi.complaint_facts (tenant_id, ticket_id, call_id, agent_id, team_id,
             customer_id, category, repeat, opened_at)
           VALUES ($1, $2, $3, 'a-1', 't-1', $4, 'billing', false, now())`,
          [tenantId, `t-${callId}`, callId, customerId],
        );
      };
      const customerOf = async (callId: string) =>
        (
          (await q.query(
            `SELECT customer_id FROM kpi.call_facts WHERE tenant_id = $1 AND call_id = $2
             UNION ALL
             SELECT customer_id FROM kpi.complaint_facts WHERE tenant_id = $1 AND call_id = $2`,
            [tenantId, callId],
          )) as { customer_id: string }[]
        ).map((r) => r.customer_id);
      const clearCount = async () =>
        (
          (await q.query(
            `SELECT (SELECT count(*) FROM kpi.call_facts
                      WHERE customer_id <> '' AND customer_id NOT LIKE 'ck\\_%')
                  + (SELECT count(*) FROM kpi.complaint_facts
                      WHERE customer_id <> '' AND customer_id NOT LIKE 'ck\\_%') AS n`,
          )) as { n: string }[]
        )[0].n;

      // Facts written in clear, as the service stored them before; one already keyed.
      await insert('legacy-id', ID_CARD);
      await insert('legacy-phone', PHONE);
      await insert('keyed', keyOf('u-7'));
      expect(await customerOf('legacy-id')).toEqual([ID_CARD, ID_CARD]);

      expect(await keyFactCustomers(q)).toBeGreaterThanOrEqual(4);
      expect(await customerOf('legacy-id')).toEqual([keyOf(ID_CARD), keyOf(ID_CARD)]);
      expect(await customerOf('legacy-phone')).toEqual([keyOf(PHONE), keyOf(PHONE)]);
      expect(await customerOf('keyed')).toEqual([keyOf('u-7'), keyOf('u-7')]);
      expect(await clearCount()).toBe('0');
      // Nothing left: a second run changes no row.
      expect(await keyFactCustomers(q)).toBe(0);

      // Without PII_KEY the key cannot be derived: the clear id goes, the keyed one stays.
      await insert('legacy-no-key', ID_CARD);
      expect(await keyFactCustomers(q, null)).toBe(2);
      expect(await customerOf('legacy-no-key')).toEqual(['', '']);
      expect(await customerOf('keyed')).toEqual([keyOf('u-7'), keyOf('u-7')]);
    } finally {
      await q.rollbackTransaction();
      await q.release();
    }
  });
});
