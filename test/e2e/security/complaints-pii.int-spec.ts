import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Codecs, Topics } from '@qa/contracts';
import { createKafka } from '@qa/messaging';
import { piiCipher, sealEventCustomer } from '@qa/pii';
import { createService } from '@qa/platform';
import { asIdentity, ingestedCall, publishEvent, scoredCallbackCall, waitFor } from '@qa/testing';
import { Kafka, Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { complaintsServiceOptions } from '../../../apps/complaints/src/complaints.options';
import { AppModule } from '../../../apps/complaints/src/app.module';
import { EncryptTicketCustomers1764806400000 } from '../../../apps/complaints/src/migrations/1764806400000-encrypt-ticket-customers';

const PHONE = '13800138000';
const ID_CARD = '110101199003071234';

/**
 * Security review finding #9 in the complaints service: tickets kept the customer's phone and id
 * in clear and found repeat complaints and callback calls by comparing them.
 */
describe('security: PII at rest in complaints (finding #9)', () => {
  const tenantId = `cx-${randomUUID().slice(0, 8)}`;
  const lead = asIdentity({ tenantId, role: 'lead', username: 'lead-pii' });
  const qa = asIdentity({ tenantId, role: 'qa', username: 'qa-pii' });
  let app: INestApplication;
  let db: DataSource;
  let kafka: Kafka;
  let producer: Producer;
  const http = () => request(app.getHttpServer());

  const open = async (customer: { id?: string; phone?: string }, category: string) => {
    const r = await http()
      .post('/api/v1/complaints')
      .use(lead)
      .send({ customer, category, description: '投诉' });
    expect(r.status).toBe(201);
    return r.body as { id: string; repeatOf: string | null; version: number };
  };
  /** Every stored column of the tenant's tickets, as text. */
  const storedTickets = async () =>
    (
      (await db.query(
        'SELECT row_to_json(t)::text AS row FROM complaints.tickets t WHERE tenant_id = $1',
        [tenantId],
      )) as { row: string }[]
    ).map((r) => r.row);

  beforeAll(async () => {
    app = await createService(AppModule, complaintsServiceOptions);
    await app.listen(0);
    db = app.get(DataSource);
    kafka = createKafka('complaints-pii-test', process.env.KAFKA_BROKERS!.split(','));
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
  });

  it('#9 stores tickets with the phone and id encrypted; the API shows them masked as before', async () => {
    const byHand = await open({ id: ID_CARD, phone: PHONE }, 'billing');
    const callId = `c-${randomUUID()}`;
    await publishEvent(
      producer,
      Topics.ComplaintDetected,
      callId,
      {
        callId,
        tenantId,
        agentId: 'a-1',
        teamId: 't-1',
        customerId: '',
        customerPhone: '',
        customerKey: sealEventCustomer(piiCipher(), tenantId, { phone: PHONE, id: ID_CARD })
          .customerKey,
        customerSealed: sealEventCustomer(piiCipher(), tenantId, { phone: PHONE, id: ID_CARD })
          .sealed,
        reason: 'keyword',
        evidence: [{ segment: 1, start: 0, end: 2, text: '投诉' }],
        evaluationId: randomUUID(),
        callStartedAt: '2026-11-30T01:00:00Z',
      },
      tenantId,
    );
    const detected = await waitFor('the detected ticket', async () => {
      const r = await http().get('/api/v1/complaints').query({ callId }).use(lead);
      return r.body.items?.[0] as { id: string } | undefined;
    });

    const rows = await storedTickets();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).not.toContain(PHONE);
      expect(row).not.toContain(ID_CARD);
      const t = JSON.parse(row) as Record<string, string>;
      expect(t.customer_phone).toMatch(/^pii:v1:/);
      expect(t.customer_id).toMatch(/^pii:v1:/);
      expect(t.customer_phone_hmac).toMatch(/^ck_/);
      expect(t.customer_key).toBe(t.customer_id_hmac);
    }
    // Nothing the service publishes carries the numbers: the opened event has the opaque key.
    const outbox = (await db.query(
      'SELECT topic, payload FROM complaints.outbox WHERE key = ANY($1)',
      [[byHand.id, detected.id]],
    )) as { topic: string; payload: Buffer }[];
    expect(outbox.length).toBeGreaterThanOrEqual(2);
    for (const { payload } of outbox) {
      expect(payload.includes(Buffer.from(PHONE))).toBe(false);
      expect(payload.includes(Buffer.from(ID_CARD))).toBe(false);
    }
    const opened = outbox.filter((o) => o.topic === Topics.ComplaintOpened);
    expect(opened.map((o) => Codecs[Topics.ComplaintOpened].decode(o.payload).customerId)).toEqual([
      expect.stringMatching(/^ck_/),
      expect.stringMatching(/^ck_/),
    ]);

    for (const id of [byHand.id, detected.id]) {
      const asQa = await http().get(`/api/v1/complaints/${id}`).use(qa);
      expect(asQa.body.customer).toEqual({ id: '110101********1234', phone: '138****8000' });
      const asLead = await http().get(`/api/v1/complaints/${id}`).use(lead);
      expect(asLead.body.customer).toEqual({ id: ID_CARD, phone: PHONE });
    }
  });

  it('#9 finds repeat complaints and filters by customer through the keyed hashes', async () => {
    const phone = '13912345678';
    const first = await open({ phone }, 'network');
    const again = await open({ phone }, 'network');
    const other = await open({ phone: '13700000000' }, 'network');
    expect(again.repeatOf).toBe(first.id);
    expect(other.repeatOf).toBeNull();
    const customerId = `u-${randomUUID().slice(0, 8)}`;
    const a = await open({ id: customerId, phone: '13600000000' }, 'refund');
    const b = await open({ id: customerId }, 'refund');
    expect(b.repeatOf).toBe(a.id);

    const rows = (await db.query(
      `SELECT id, customer_phone, customer_phone_hmac FROM complaints.tickets
       WHERE id = ANY($1) ORDER BY opened_at`,
      [[first.id, again.id]],
    )) as { customer_phone: string; customer_phone_hmac: string }[];
    // The same phone: one hash (that is what matched), two different ciphertexts.
    expect(rows[0].customer_phone_hmac).toBe(rows[1].customer_phone_hmac);
    expect(rows[0].customer_phone).not.toBe(rows[1].customer_phone);
    expect(JSON.stringify(rows)).not.toContain(phone);

    const listed = await http().get('/api/v1/complaints').query({ customerId }).use(lead);
    expect(listed.body.items.map((t: { id: string }) => t.id).sort()).toEqual([a.id, b.id].sort());
    const none = await http().get('/api/v1/complaints').query({ customerId: ' ' }).use(lead);
    expect(none.body.items).toEqual([]);
  });

  it('#9 links a callback call that carries only sealed numbers to the ticket of that phone', async () => {
    const phone = '13512345678';
    const ticket = await open({ phone }, 'callback-match');
    let version = ticket.version;
    for (const to of ['accepted', 'investigating', 'solution_proposed', 'resolved']) {
      const r = await http()
        .post(`/api/v1/complaints/${ticket.id}/transitions`)
        .use(lead)
        .send({ to, reason: to, expectedVersion: version });
      version = r.body.version;
    }
    const cb = `cb-${randomUUID()}`;
    const customer = sealEventCustomer(piiCipher(), tenantId, { phone, id: '' });
    await publishEvent(
      producer,
      Topics.CallIngested,
      cb,
      {
        call: ingestedCall(
          tenantId,
          cb,
          [
            [1, '您好,我是客服,请问您现在方便吗'],
            [2, '方便,已经好了,非常满意'],
          ],
          { purpose: 3, direction: 2, customer: { ...customer, name: '' } },
        ),
        ingestedAt: '',
      },
      tenantId,
    );
    await publishEvent(
      producer,
      Topics.EvaluationScored,
      cb,
      scoredCallbackCall(tenantId, cb, '方便吗'),
      tenantId,
    );
    const done = await waitFor('the callback recorded from the call', async () => {
      const r = await http().get(`/api/v1/complaints/${ticket.id}`).use(lead);
      return r.body.status === 'callback_done' ? r.body : undefined;
    });
    expect(done.callbacks).toEqual([expect.objectContaining({ callId: cb, satisfaction: 5 })]);
  });

  it('#9 the migration encrypts tickets stored in clear and fills the hashes; down() restores them', async () => {
    const migration = new EncryptTicketCustomers1764806400000();
    const q = db.createQueryRunner();
    const id = randomUUID();
    await q.startTransaction();
    try {
      // Inside a transaction rolled back at the end: only this run's tickets (other test files
      // seal theirs with their own PII_KEY), then back to the schema before the migration.
      await q.query('DELETE FROM complaints.tickets WHERE tenant_id <> $1', [tenantId]);
      await migration.down(q);
      await q.query(
        `INSERT INTO complaints.tickets (id, tenant_id, customer_id, customer_phone, category,
           severity, status, clocks, opened_at)
         VALUES ($1, $2, $3, $4, 'legacy', 'low', 'open', '{}', now())`,
        [id, tenantId, ID_CARD, PHONE],
      );
      await migration.up(q);
      const [sealed] = (await q.query(
        'SELECT row_to_json(t)::text AS row FROM complaints.tickets t WHERE id = $1',
        [id],
      )) as { row: string }[];
      expect(sealed.row).not.toContain(PHONE);
      expect(sealed.row).not.toContain(ID_CARD);
      const t = JSON.parse(sealed.row) as Record<string, string | null>;
      expect(t.customer_id).toMatch(/^pii:v1:/);
      expect(t.customer_id_hmac).toBe(piiCipher().customerKey(tenantId, { id: ID_CARD }));
      expect(t.customer_phone_hmac).toBe(piiCipher().customerKey(tenantId, { phone: PHONE }));
      expect(t.customer_key).toBe(t.customer_id_hmac);
      // down() opened the earlier tests' tickets too; up() sealed them all again.
      const [clear] = (await q.query(
        `SELECT count(*)::int AS n FROM complaints.tickets
         WHERE customer_phone IS NOT NULL AND customer_phone NOT LIKE 'pii:v1:%'`,
      )) as { n: number }[];
      expect(clear.n).toBe(0);

      await migration.down(q);
      const [opened] = (await q.query(
        'SELECT customer_id, customer_phone FROM complaints.tickets WHERE id = $1',
        [id],
      )) as { customer_id: string; customer_phone: string }[];
      expect(opened).toEqual({ customer_id: ID_CARD, customer_phone: PHONE });
      const hashes = (await q.query(
        `SELECT column_name FROM information_schema.columns
         WHERE table_schema = 'complaints' AND table_name = 'tickets' AND column_name LIKE '%hmac'`,
      )) as unknown[];
      expect(hashes).toEqual([]);
    } finally {
      await q.rollbackTransaction();
      await q.release();
    }
  });
});
