import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Codecs, Topics } from '@qa/contracts';
import { openEventCustomer, piiCipher, rewriteCustomerRows } from '@qa/pii';
import { createService } from '@qa/platform';
import {
  announceTenant,
  asIdentity,
  sampleCall,
  startKafkaProbe,
  TopicRecorder,
  waitFor,
} from '@qa/testing';
import { Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule as IngestionModule } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';
import { AppModule as ScoringModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';

const PHONE = '13800138000';
const ID_CARD = '110101199003071234';
const SPOKEN = '13912345678';

/**
 * Security review findings #5 (evidence in evaluations never masked) and #9 (phone and ID numbers
 * in clear in every service's tables and on the topics), through ingestion and scoring.
 */
describe('security: PII minimised (findings #5, #9)', () => {
  const tenantId = `sp-${randomUUID().slice(0, 8)}`;
  const writer = asIdentity({ tenantId, role: 'qa' });
  const readers = {
    qa: asIdentity({ tenantId, role: 'qa' }),
    agent: asIdentity({ tenantId, role: 'agent', agentId: 'a-1001' }),
    ops: asIdentity({ tenantId, role: 'ops' }),
    admin: asIdentity({ tenantId, role: 'admin' }),
    lead: asIdentity({ tenantId, role: 'lead' }),
  };
  let ingestion: INestApplication;
  let scoring: INestApplication;
  let producer: Producer;
  let recorder: TopicRecorder;
  let db: DataSource;
  const callId = `c-${randomUUID()}`;

  const call = sampleCall({
    callId,
    tenantId,
    agentId: 'a-1001',
    teamId: 't-01',
    customer: { phone: PHONE, id: ID_CARD },
    segments: [
      { speaker: 'agent', startMs: 0, endMs: 2800, text: '您好,星河通信,工号1001,很高兴为您服务' },
      { speaker: 'customer', startMs: 3000, endMs: 6000, text: `再不处理我就投诉,我手机${SPOKEN}` },
      // No resolution check: the finding's evidence is this whole turn, the number with it.
      { speaker: 'agent', startMs: 6500, endMs: 9000, text: `好的,回拨${SPOKEN},再见` },
    ],
  });

  const evaluation = async (who: keyof typeof readers) => {
    const list = await request(scoring.getHttpServer())
      .get('/api/v1/evaluations')
      .query({ callId })
      .use(readers[who]);
    return (
      await request(scoring.getHttpServer())
        .get(`/api/v1/evaluations/${list.body.items[0].id}`)
        .use(readers[who])
    ).body as { findings: { ruleId: string; evidence: { text: string }[] }[] };
  };
  const evidenceTexts = (ev: Awaited<ReturnType<typeof evaluation>>) =>
    ev.findings.flatMap((f) => f.evidence.map((e) => e.text));

  beforeAll(async () => {
    ingestion = await createService(IngestionModule, ingestionServiceOptions);
    await ingestion.listen(0);
    scoring = await createService(ScoringModule, scoringServiceOptions);
    await scoring.listen(0);
    db = ingestion.get(DataSource);
    ({ producer, recorder } = await startKafkaProbe('pii-test', [
      Topics.CallIngested,
      Topics.ComplaintDetected,
    ]));
    await announceTenant(producer, db, 'scoring', tenantId);
    const posted = await request(ingestion.getHttpServer())
      .post('/api/v1/calls')
      .use(writer)
      .send(call);
    if (posted.status !== 201) throw new Error(`POST /calls answered ${posted.status}`);
    await waitFor('the evaluation', async () => {
      const list = await request(scoring.getHttpServer())
        .get('/api/v1/evaluations')
        .query({ callId })
        .use(readers.admin);
      return list.body.items?.length === 1;
    });
    // Agents see an evaluation only once it is final and released to them (issue 15).
    const ev = (
      await request(scoring.getHttpServer())
        .get('/api/v1/evaluations')
        .query({ callId })
        .use(readers.admin)
    ).body.items[0] as { id: string; version: number };
    const full = (
      await request(scoring.getHttpServer()).get(`/api/v1/evaluations/${ev.id}`).use(readers.admin)
    ).body as { pendingManualItems: string[] };
    const reviewed = await request(scoring.getHttpServer())
      .post(`/api/v1/evaluations/${ev.id}/review`)
      .use(readers.admin)
      .send({
        expectedVersion: ev.version,
        answers: full.pendingManualItems.map((itemId) => ({ itemId, outcome: 'pass' })),
        finalize: true,
      });
    if (reviewed.status !== 200) throw new Error(`review answered ${reviewed.status}`);
    await request(scoring.getHttpServer())
      .post(`/api/v1/evaluations/${ev.id}/release`)
      .use(readers.admin)
      .expect(200);
  });

  afterAll(async () => {
    await recorder?.stop();
    await producer?.disconnect();
    await scoring?.close();
    await ingestion?.close();
  });

  it('#5: masks evidence for qa, ops and agents as the call view does; admins and leads see it', async () => {
    for (const who of ['qa', 'ops', 'agent'] as const) {
      const texts = evidenceTexts(await evaluation(who));
      expect(texts).toContain('好的,回拨139****5678,再见');
      expect(JSON.stringify(texts)).not.toContain(SPOKEN);
    }
    for (const who of ['admin', 'lead'] as const) {
      expect(evidenceTexts(await evaluation(who))).toContain(`好的,回拨${SPOKEN},再见`);
    }
    // The same rule as the call view's segment text for the same reader.
    const view = await request(ingestion.getHttpServer())
      .get(`/api/v1/calls/${callId}`)
      .use(readers.qa);
    expect(view.body.segments[2].text).toBe('好的,回拨139****5678,再见');
  });

  it('#9: the services store ciphertext, not the customer numbers', async () => {
    const [stored] = (await db.query(
      "SELECT body::text AS body, body -> 'customer' AS customer FROM ingestion.calls WHERE tenant_id = $1 AND call_id = $2",
      [tenantId, callId],
    )) as { body: string; customer: { phone: string; id: string } }[];
    expect(stored.customer.phone).toMatch(/^pii:v1:/);
    expect(stored.customer.id).toMatch(/^pii:v1:/);
    expect(stored.body).not.toContain(PHONE);
    expect(stored.body).not.toContain(ID_CARD);
    const [copy] = (await db.query(
      'SELECT call::text AS call FROM scoring.calls WHERE tenant_id = $1 AND call_id = $2',
      [tenantId, callId],
    )) as { call: string }[];
    expect(copy.call).not.toContain(PHONE);
    expect(copy.call).not.toContain(ID_CARD);
    // The API still shows the originals to those allowed.
    const clear = await request(ingestion.getHttpServer())
      .get(`/api/v1/calls/${callId}`)
      .use(readers.lead);
    expect(clear.body.customer).toEqual({ phone: PHONE, id: ID_CARD });
  });

  it('#9: qa.call.ingested.v1 and qa.complaint.detected.v1 carry an opaque customer key and the numbers sealed, none in clear', async () => {
    const [ingested] = recorder.withKey(Topics.CallIngested, callId);
    const raw = ingested.message.value!;
    expect(raw.includes(Buffer.from(PHONE))).toBe(false);
    expect(raw.includes(Buffer.from(ID_CARD))).toBe(false);
    const event = Codecs[Topics.CallIngested].decode(raw);
    expect(event.call?.customer).toMatchObject({ phone: '', id: '' });
    const key = event.call?.customer?.customerKey;
    expect(key).toMatch(/^ck_/);
    expect(event.call?.customer?.sealed).toMatch(/^pii:v1:/);
    const [outbox] = (await db.query('SELECT payload FROM ingestion.outbox WHERE key = $1', [
      callId,
    ])) as { payload: Buffer }[];
    expect(Buffer.from(outbox.payload).includes(Buffer.from(PHONE))).toBe(false);

    const [msg] = await waitFor('the complaint event', () => {
      const got = recorder.withKey(Topics.ComplaintDetected, callId);
      return got.length ? got : undefined;
    });
    expect(msg.message.value!.includes(Buffer.from(PHONE))).toBe(false);
    expect(msg.message.value!.includes(Buffer.from(ID_CARD))).toBe(false);
    const complaint = Codecs[Topics.ComplaintDetected].decode(msg.message.value!);
    expect(complaint).toMatchObject({ customerPhone: '', customerId: '', customerKey: key });
    // Complaints, holding PII_KEY, opens them for the callback (回访).
    expect(openEventCustomer(piiCipher(), { sealed: complaint.customerSealed })).toEqual({
      phone: PHONE,
      id: ID_CARD,
    });
  });

  it('#9: the migration encrypts rows stored in clear, and its down() restores them', async () => {
    const q = db.createQueryRunner();
    try {
      await q.query(
        'CREATE TEMP TABLE calls_before (tenant_id text, call_id text, body jsonb, PRIMARY KEY (tenant_id, call_id))',
      );
      const rows = Array.from({ length: 1200 }, (_, i) => [
        tenantId,
        `c-${String(i).padStart(4, '0')}`,
        JSON.stringify({ callId: `c-${i}`, customer: { phone: PHONE, id: `u-${i}` } }),
      ]);
      for (const [t, c, b] of rows) {
        await q.query('INSERT INTO calls_before VALUES ($1, $2, $3::jsonb)', [t, c, b]);
      }
      expect(await rewriteCustomerRows(q, 'calls_before', 'body', 'seal')).toBe(1200);
      const sealed = (await q.query('SELECT body::text AS b FROM calls_before')) as { b: string }[];
      expect(sealed.every((r) => !r.b.includes(PHONE) && r.b.includes('pii:v1:'))).toBe(true);
      // Running it again changes nothing: what is encrypted stays as it is.
      expect(await rewriteCustomerRows(q, 'calls_before', 'body', 'seal')).toBe(0);
      expect(await rewriteCustomerRows(q, 'calls_before', 'body', 'open')).toBe(1200);
      const opened = (await q.query(
        "SELECT body -> 'customer' AS c FROM calls_before WHERE call_id = 'c-0007'",
      )) as { c: unknown }[];
      expect(opened[0].c).toEqual({ phone: PHONE, id: 'u-7' });
    } finally {
      await q.release();
    }
  });
});
