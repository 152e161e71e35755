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
import { SealComplaintTexts1764892800000 } from '../../../apps/complaints/src/migrations/1764892800000-seal-complaint-texts';
import { SealCallbackScriptEvidence1764979200000 } from '../../../apps/complaints/src/migrations/1764979200000-seal-callback-script-evidence';

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
      scoredCallbackCall(tenantId, cb, `方便吗,您的号码 ${phone}`),
      tenantId,
    );
    const done = await waitFor('the callback recorded from the call', async () => {
      const r = await http().get(`/api/v1/complaints/${ticket.id}`).use(lead);
      return r.body.status === 'callback_done' ? r.body : undefined;
    });
    expect(done.callbacks).toEqual([expect.objectContaining({ callId: cb, satisfaction: 5 })]);
    // The script check's evidence (a quote of the call) is kept encrypted; the notes quote it.
    expect(done.callbacks[0].notes).toContain(phone);
    const [stored] = (await db.query(
      'SELECT script FROM complaints.callback_calls WHERE tenant_id = $1 AND call_id = $2',
      [tenantId, cb],
    )) as { script: { evidence: string[] } }[];
    expect(stored.script.evidence).toEqual([expect.stringMatching(/^pii:v1:/)]);
    expect(JSON.stringify(stored)).not.toContain(phone);
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
  it('#9 masks callback notes, history reasons, root cause and department like the call view; stores notes and description encrypted', async () => {
    const said = `客户电话 ${PHONE},身份证 ${ID_CARD}`;
    const r = await http()
      .post('/api/v1/complaints')
      .use(lead)
      .send({ customer: { id: 'u-notes' }, category: 'notes', description: said });
    expect(r.status).toBe(201);
    const ticket = r.body as { id: string; version: number };
    let version = ticket.version;
    for (const to of ['accepted', 'investigating', 'solution_proposed', 'resolved']) {
      const moved = await http()
        .post(`/api/v1/complaints/${ticket.id}/transitions`)
        .use(lead)
        .send({ to, reason: `${to}: 回拨 ${PHONE}`, expectedVersion: version });
      expect(moved.status).toBe(200);
      version = moved.body.version;
    }
    const patched = await http()
      .patch(`/api/v1/complaints/${ticket.id}`)
      .use(lead)
      .send({ rootCause: `错扣 ${PHONE}`, department: `账务 ${PHONE}`, expectedVersion: version });
    expect(patched.status).toBe(200);
    // qa records the first attempt (no answer, retried): the answer shows the notes masked.
    const byQa = await http()
      .post(`/api/v1/complaints/${ticket.id}/callbacks`)
      .use(qa)
      .send({ outcome: 'no_answer', notes: said });
    expect(byQa.status).toBe(201);
    expect(byQa.body.notes).toBe('客户电话 138****8000,身份证 110101********1234');
    expect(JSON.stringify(byQa.body)).not.toContain(PHONE);
    const byLead = await http()
      .post(`/api/v1/complaints/${ticket.id}/callbacks`)
      .use(lead)
      .send({ outcome: 'reached', satisfaction: 5, notes: said });
    expect(byLead.status).toBe(201);
    expect(byLead.body.notes).toBe(said);

    const asQa = await http().get(`/api/v1/complaints/${ticket.id}`).use(qa);
    expect(asQa.status).toBe(200);
    const seen = JSON.stringify(asQa.body);
    expect(seen).not.toContain(PHONE);
    expect(seen).not.toContain(ID_CARD);
    expect(asQa.body.callbacks.map((c: { notes: string }) => c.notes)).toEqual([
      '客户电话 138****8000,身份证 110101********1234',
      '客户电话 138****8000,身份证 110101********1234',
    ]);
    expect(asQa.body.description).toBe(asQa.body.callbacks[0].notes);
    expect(asQa.body.rootCause).toBe('错扣 138****8000');
    expect(asQa.body.department).toBe('账务 138****8000');
    expect(asQa.body.history.map((h: { reason: string }) => h.reason)).toContain(
      'accepted: 回拨 138****8000',
    );
    const asLead = await http().get(`/api/v1/complaints/${ticket.id}`).use(lead);
    expect(asLead.body.callbacks.map((c: { notes: string }) => c.notes)).toEqual([said, said]);
    expect(asLead.body.description).toBe(said);
    expect(asLead.body.rootCause).toBe(`错扣 ${PHONE}`);
    expect(asLead.body.history.map((h: { reason: string }) => h.reason)).toContain(
      `accepted: 回拨 ${PHONE}`,
    );

    const stats = await http()
      .get('/api/v1/complaints/stats')
      .query({ from: '2020-01-01', to: '2099-12-31', by: 'rootCause' })
      .use(qa);
    expect(stats.status).toBe(200);
    expect(JSON.stringify(stats.body)).not.toContain(PHONE);
    expect(stats.body.items.map((i: { key: string }) => i.key)).toContain('错扣 138****8000');

    const [stored] = (await db.query(
      `SELECT t.description, c.notes FROM complaints.tickets t
       JOIN complaints.callbacks c ON c.ticket_id = t.id WHERE t.id = $1`,
      [ticket.id],
    )) as { description: string; notes: string }[];
    expect(stored).toBeDefined();
    expect(stored.description).toMatch(/^pii:v1:/);
    expect(stored.notes).toMatch(/^pii:v1:/);
    expect(JSON.stringify(stored)).not.toContain(PHONE);
  });

  it('#9 the migration encrypts descriptions and callback notes stored in clear; down() restores them', async () => {
    const migration = new SealComplaintTexts1764892800000();
    const q = db.createQueryRunner();
    const id = randomUUID();
    const said = `客户电话 ${PHONE}`;
    const texts = async () =>
      (await q.query(
        `SELECT t.description, c.notes FROM complaints.tickets t
         JOIN complaints.callbacks c ON c.ticket_id = t.id WHERE t.id = $1`,
        [id],
      )) as { description: string; notes: string }[];
    await q.startTransaction();
    try {
      // Rolled back at the end; other test files' rows are sealed under their own PII_KEY.
      await q.query('DELETE FROM complaints.callbacks WHERE tenant_id <> $1', [tenantId]);
      await q.query('DELETE FROM complaints.tickets WHERE tenant_id <> $1', [tenantId]);
      await migration.down(q);
      await q.query(
        `INSERT INTO complaints.tickets (id, tenant_id, category, severity, status, clocks,
           opened_at, description)
         VALUES ($1, $2, 'legacy', 'low', 'open', '{}', now(), $3)`,
        [id, tenantId, said],
      );
      await q.query(
        `INSERT INTO complaints.callbacks (id, ticket_id, tenant_id, attempt, outcome, notes,
           recorded_by, at, on_time, final)
         VALUES ($1, $2, $3, 0, 'reached', $4, 'lead', now(), true, true)`,
        [randomUUID(), id, tenantId, said],
      );
      await migration.up(q);
      const sealed = await texts();
      expect(sealed).toEqual([
        {
          description: expect.stringMatching(/^pii:v1:/),
          notes: expect.stringMatching(/^pii:v1:/),
        },
      ]);
      expect(piiCipher().decrypt(sealed[0].notes)).toBe(said);
      const [clear] = (await q.query(
        `SELECT (SELECT count(*) FROM complaints.tickets
                  WHERE description <> '' AND description NOT LIKE 'pii:v1:%')::int
              + (SELECT count(*) FROM complaints.callbacks
                  WHERE notes <> '' AND notes NOT LIKE 'pii:v1:%')::int AS n`,
      )) as { n: number }[];
      expect(clear.n).toBe(0);
      // Again: nothing left to change, the ciphertexts stay as they are.
      await migration.up(q);
      const [again] = (await q.query('SELECT description FROM complaints.tickets WHERE id = $1', [
        id,
      ])) as { description: string }[];
      expect(again.description).toBe(sealed[0].description);

      await migration.down(q);
      const opened = await texts();
      expect(opened).toEqual([{ description: said, notes: said }]);
    } finally {
      await q.rollbackTransaction();
      await q.release();
    }
  });
  it("#9 the migration encrypts callback calls' script evidence stored in clear; down() restores it", async () => {
    const migration = new SealCallbackScriptEvidence1764979200000();
    const q = db.createQueryRunner();
    const callId = `cb-${randomUUID()}`;
    const quote = `您的号码 ${PHONE}`;
    const evidence = async () =>
      (
        (await q.query(
          'SELECT script FROM complaints.callback_calls WHERE tenant_id = $1 AND call_id = $2',
          [tenantId, callId],
        )) as { script: { outcome: string; evidence: string[] } }[]
      )[0].script;
    await q.startTransaction();
    try {
      // Rolled back at the end; other test files' rows are sealed under their own PII_KEY.
      await q.query('DELETE FROM complaints.callback_calls WHERE tenant_id <> $1', [tenantId]);
      await q.query(
        `INSERT INTO complaints.callback_calls (tenant_id, call_id, script) VALUES ($1, $2, $3)`,
        [tenantId, callId, JSON.stringify({ outcome: 'pass', evidence: [quote] })],
      );
      await migration.up(q);
      const sealed = await evidence();
      expect(sealed.outcome).toBe('pass');
      expect(sealed.evidence).toEqual([expect.stringMatching(/^pii:v1:/)]);
      expect(piiCipher().decrypt(sealed.evidence[0])).toBe(quote);
      await migration.up(q);
      expect(await evidence()).toEqual(sealed);
      await migration.down(q);
      expect(await evidence()).toEqual({ outcome: 'pass', evidence: [quote] });
    } finally {
      await q.rollbackTransaction();
      await q.release();
    }
  });
});
