import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { businessHoursBetween } from '@qa/business-calendar';
import { Codecs, EventHeader, Topics } from '@qa/contracts';
import { createService } from '@qa/platform';
import {
  asIdentity,
  ingestedCall,
  publishEvent,
  scoredCallbackCall,
  sleep,
  startKafkaProbe,
  TopicRecorder,
  waitFor,
} from '@qa/testing';
import { Producer } from 'kafkajs';
import request from 'supertest';
import { complaintsServiceOptions } from '../../apps/complaints/src/complaints.options';
import { AppModule } from '../../apps/complaints/src/app.module';

/** The complaints service against the real Kafka, Postgres and Redis. */
describe('complaints service', () => {
  const tenantId = `cp-${randomUUID().slice(0, 8)}`;
  const otherTenant = `cq-${randomUUID().slice(0, 8)}`;
  const lead = asIdentity({ tenantId, role: 'lead', username: 'lead-li' });
  const qa = asIdentity({ tenantId, role: 'qa', username: 'qa-wang' });
  const stranger = asIdentity({ tenantId: otherTenant, role: 'lead' });
  let app: INestApplication;
  let producer: Producer;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());

  const detected = async (callId: string, eventId = randomUUID()) => {
    const payload = Codecs[Topics.ComplaintDetected].encode({
      callId,
      tenantId,
      agentId: 'a-7',
      teamId: 't-2',
      customerId: `u-${callId}`,
      customerPhone: '13800138000',
      reason: 'keyword',
      evidence: [{ segment: 1, start: 8, end: 10, text: '投诉' }],
      evaluationId: randomUUID(),
      callStartedAt: '2026-11-30T01:00:00Z',
    });
    await producer.send({
      topic: Topics.ComplaintDetected,
      messages: [
        {
          key: callId,
          value: Buffer.from(payload.finish()),
          headers: {
            [EventHeader.EventId]: eventId,
            [EventHeader.EventType]: Topics.ComplaintDetected,
            [EventHeader.OccurredAt]: new Date().toISOString(),
            [EventHeader.TenantId]: tenantId,
            [EventHeader.TraceId]: callId,
          },
        },
      ],
    });
  };

  const ticketOfCall = (callId: string) =>
    waitFor(`the ticket of ${callId}`, async () => {
      const r = await http().get('/api/v1/complaints').query({ callId }).use(lead);
      return r.body.items?.[0] as { id: string; version: number } | undefined;
    });

  beforeAll(async () => {
    app = await createService(AppModule, complaintsServiceOptions);
    await app.listen(0);
    ({ producer, recorder } = await startKafkaProbe('complaints-test', [
      Topics.ComplaintOpened,
      Topics.ComplaintTransitioned,
      Topics.CallbackScheduled,
      Topics.CallbackCompleted,
    ]));
  });

  afterAll(async () => {
    await recorder?.stop();
    await producer?.disconnect();
    await app?.close();
  });

  it('opens exactly one ticket per call however often the detected event arrives', async () => {
    const callId = `c-${randomUUID()}`;
    const eventId = randomUUID();
    await detected(callId, eventId);
    await detected(callId, eventId); // a redelivery
    await detected(callId); // the same call detected again under a new event id
    const ticket = await ticketOfCall(callId);
    await sleep(1500);
    const list = await http().get('/api/v1/complaints').query({ callId }).use(lead);
    expect(list.body.items).toHaveLength(1);
    await waitFor(
      'the opened event',
      () => recorder.withKey(Topics.ComplaintOpened, ticket.id).length === 1,
    );
    await sleep(500);
    expect(recorder.withKey(Topics.ComplaintOpened, ticket.id)).toHaveLength(1);
    const full = await http().get(`/api/v1/complaints/${ticket.id}`).use(qa);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({
      callId,
      status: 'open',
      category: 'unclassified',
      customer: { id: `u-${callId}`, phone: '138****8000' },
      agentId: 'a-7',
      links: { evaluations: `/api/v1/evaluations?callId=${encodeURIComponent(callId)}` },
      history: [{ by: 'system', from: null, to: 'open' }],
    });
    expect(typeof full.body.sla.acceptBy).toBe('string');
    // Leads see the stored phone.
    const asLead = await http().get(`/api/v1/complaints/${ticket.id}`).use(lead);
    expect(asLead.body.customer.phone).toBe('13800138000');
  });

  it('walks a ticket to closure through an unhappy callback and a reopen', async () => {
    const customerId = `u-${randomUUID().slice(0, 8)}`;
    const created = await http()
      .post('/api/v1/complaints')
      .use(lead)
      .send({
        customer: { id: customerId, phone: '13912345678' },
        category: 'billing',
        severity: 'high',
        description: '多扣了话费',
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    let version = created.body.version as number;
    const move = async (to: string, reason = `to ${to}`) => {
      const r = await http()
        .post(`/api/v1/complaints/${id}/transitions`)
        .use(lead)
        .send({ to, reason, expectedVersion: version });
      expect({ to, status: r.status }).toEqual({ to, status: 200 });
      version = r.body.version;
      return r.body;
    };

    const illegal = await http()
      .post(`/api/v1/complaints/${id}/transitions`)
      .use(lead)
      .send({ to: 'closed', reason: 'x', expectedVersion: version });
    expect(illegal.status).toBe(409);
    expect(illegal.headers['content-type']).toContain('application/problem+json');
    expect(illegal.body).toMatchObject({
      code: 'TICKET_ILLEGAL_TRANSITION',
      allowedMoves: ['accepted', 'escalated'],
    });

    await move('accepted', '已受理');
    const stale = await http()
      .post(`/api/v1/complaints/${id}/transitions`)
      .use(lead)
      .send({ to: 'investigating', reason: 'x', expectedVersion: version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'TICKET_STALE_VERSION',
      version,
      allowedMoves: ['investigating', 'escalated'],
    });

    const patched = await http().patch(`/api/v1/complaints/${id}`).use(lead).send({
      expectedVersion: version,
      assignee: 'lead-li',
      rootCause: 'billing-rule',
      department: '计费部',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      assignee: 'lead-li',
      rootCause: 'billing-rule',
      department: '计费部',
    });
    version = patched.body.version;

    await move('investigating');
    await move('solution_proposed', '退还多扣费用');
    const resolved = await move('resolved', '已退费');
    // Resolving schedules the follow-up callback at once.
    expect(resolved.status).toBe('callback_scheduled');
    expect(resolved.callbackAttempt).toBe(1);
    expect(typeof resolved.sla.callbackBy).toBe('string');

    const noAnswer = await http()
      .post(`/api/v1/complaints/${id}/callbacks`)
      .use(qa)
      .send({ outcome: 'no_answer' });
    expect(noAnswer.status).toBe(201);
    expect(noAnswer.body).toMatchObject({
      attempt: 1,
      final: false,
      ticket: { status: 'callback_scheduled', callbackAttempt: 2 },
    });

    const unhappy = await http()
      .post(`/api/v1/complaints/${id}/callbacks`)
      .use(qa)
      .send({ outcome: 'reached', satisfaction: 2, notes: '还是觉得处理太慢' });
    expect(unhappy.status).toBe(201);
    expect(unhappy.body).toMatchObject({
      attempt: 2,
      final: true,
      satisfaction: 2,
      ticket: { status: 'reopened', reopenedCount: 1 },
    });
    version = unhappy.body.ticket.version;

    await move('investigating', '重新核查');
    await move('solution_proposed', '补偿话费');
    await move('resolved');
    const happy = await http()
      .post(`/api/v1/complaints/${id}/callbacks`)
      .use(lead)
      .send({ outcome: 'reached', satisfaction: 5, notes: '满意' });
    expect(happy.body.ticket.status).toBe('callback_done');
    version = happy.body.ticket.version;
    const closed = await move('closed', '结案');
    expect(closed.closedAt).toEqual(expect.any(String));

    const full = (await http().get(`/api/v1/complaints/${id}`).use(lead)).body;
    expect(
      full.history.map((h: { from: string | null; to: string }) => `${h.from}→${h.to}`),
    ).toEqual([
      'null→open',
      'open→accepted',
      'accepted→accepted', // assignment
      'accepted→investigating',
      'investigating→solution_proposed',
      'solution_proposed→resolved',
      'resolved→callback_scheduled',
      'callback_scheduled→callback_scheduled', // no answer, retry
      'callback_scheduled→callback_done',
      'callback_done→reopened',
      'reopened→investigating',
      'investigating→solution_proposed',
      'solution_proposed→resolved',
      'resolved→callback_scheduled',
      'callback_scheduled→callback_done',
      'callback_done→closed',
    ]);
    expect(full.history[1]).toMatchObject({ by: 'lead-li', reason: '已受理' });
    expect(full.history[9].reason).toContain('satisfaction 2');
    expect(
      full.callbacks.map((c: { outcome: string; attempt: number }) => `${c.attempt}:${c.outcome}`),
    ).toEqual(['1:no_answer', '2:reached', '3:reached']);
    // First response kept from the first acceptance; nothing running on a closed ticket.
    expect(full.sla).toMatchObject({
      acceptBy: null,
      replyBy: null,
      callbackBy: null,
      overdue: false,
    });

    const late = await http()
      .post(`/api/v1/complaints/${id}/callbacks`)
      .use(lead)
      .send({ outcome: 'reached', satisfaction: 4 });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('TICKET_CALLBACK_NOT_EXPECTED');

    await waitFor(
      'every transition published',
      () => recorder.withKey(Topics.ComplaintTransitioned, id).length === 13,
    );
    // Only the closing move carries the hours open, by this tenant's calendar (kpi counts them).
    const transitions = recorder
      .withKey(Topics.ComplaintTransitioned, id)
      .map((m) => Codecs[Topics.ComplaintTransitioned].decode(m.message.value!));
    expect(
      transitions.filter((t) => t.businessHoursOpen !== undefined).map((t) => t.toStatus),
    ).toEqual(['closed']);
    const { calendar } = (await http().get('/api/v1/complaints/settings').use(lead)).body;
    expect(transitions.find((t) => t.toStatus === 'closed')!.businessHoursOpen).toBeCloseTo(
      businessHoursBetween(calendar, new Date(full.openedAt), new Date(closed.closedAt)),
      6,
    );
    await waitFor(
      'both final callbacks published',
      () => recorder.withKey(Topics.CallbackCompleted, id).length === 2,
    );
    const completed = recorder
      .withKey(Topics.CallbackCompleted, id)
      .map((m) => Codecs[Topics.CallbackCompleted].decode(m.message.value!));
    expect(completed.map((c) => `${c.attempt}:${c.outcome}:${c.satisfaction}`)).toEqual([
      '2:unsatisfied:2',
      '3:satisfied:5',
    ]);
    expect(recorder.withKey(Topics.CallbackScheduled, id)).toHaveLength(3);

    // A second complaint of the same customer in the same category is a repeat.
    const again = await http()
      .post('/api/v1/complaints')
      .use(lead)
      .send({ customer: { id: customerId }, category: 'billing', description: '又多扣了' });
    expect(again.body.repeatOf).toBe(id);

    const stats = await http()
      .get('/api/v1/complaints/stats')
      .query({ from: '2026-01-01', to: '2030-01-01', by: 'category' })
      .use(qa);
    expect(stats.status).toBe(200);
    expect(stats.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key: 'billing',
          opened: 2,
          resolved: 1,
          closed: 1,
          reopened: 1,
          repeat: 1,
          onTimeCallbackRate: 1,
        }),
      ]),
    );
    const csv = await http()
      .get('/api/v1/complaints/stats')
      .query({ from: '2026-01-01', to: '2030-01-01', by: 'category', format: 'csv' })
      .use(qa);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toBe(
      'key,opened,resolved,closed,reopened,repeat,medianHoursToClose,onTimeCallbackRate',
    );
    expect(csv.text).toMatch(/\r\nbilling,2,1,1,1,1,[\d.]+,1\r\n/);
  });

  it('answers bad input with 4xx problem+json and writes nothing', async () => {
    const created = await http()
      .post('/api/v1/complaints')
      .use(lead)
      .send({ customer: { phone: '13700000000' }, category: 'network', description: '没信号' });
    const id = created.body.id as string;
    const cases: [string, request.Test, number, string?][] = [
      ['unknown ticket', http().get(`/api/v1/complaints/${randomUUID()}`).use(lead), 404],
      ['not a ticket id', http().get('/api/v1/complaints/nope').use(lead), 404],
      ["another tenant's ticket", http().get(`/api/v1/complaints/${id}`).use(stranger), 404],
      [
        "a move on another tenant's ticket",
        http()
          .post(`/api/v1/complaints/${id}/transitions`)
          .use(stranger)
          .send({ to: 'accepted', reason: 'x', expectedVersion: 1 }),
        404,
      ],
      [
        'a bad status',
        http()
          .post(`/api/v1/complaints/${id}/transitions`)
          .use(lead)
          .send({ to: 'done', expectedVersion: 1 }),
        400,
        'to',
      ],
      [
        'no expectedVersion',
        http().post(`/api/v1/complaints/${id}/transitions`).use(lead).send({ to: 'accepted' }),
        400,
        'expectedVersion',
      ],
      [
        'satisfaction 9',
        http()
          .post(`/api/v1/complaints/${id}/callbacks`)
          .use(lead)
          .send({ outcome: 'reached', satisfaction: 9 }),
        400,
        'satisfaction',
      ],
      [
        'a bad outcome',
        http().post(`/api/v1/complaints/${id}/callbacks`).use(lead).send({ outcome: 'maybe' }),
        400,
        'outcome',
      ],
      [
        'a bad severity',
        http()
          .post('/api/v1/complaints')
          .use(lead)
          .send({ customer: { id: 'u-1' }, category: 'x', description: 'y', severity: 'huge' }),
        400,
        'severity',
      ],
      [
        'no customer',
        http()
          .post('/api/v1/complaints')
          .use(lead)
          .send({ customer: {}, category: 'x', description: 'y' }),
        400,
        'customer',
      ],
      [
        'a bad list filter',
        http().get('/api/v1/complaints').query({ status: 'done' }).use(lead),
        400,
        'status',
      ],
      [
        'a bad stats dimension',
        http()
          .get('/api/v1/complaints/stats')
          .query({ from: '2026-01-01', to: '2026-02-01', by: 'colour' })
          .use(lead),
        400,
        'by',
      ],
      [
        'a callback before one is due',
        http()
          .post(`/api/v1/complaints/${id}/callbacks`)
          .use(lead)
          .send({ outcome: 'reached', satisfaction: 4 }),
        409,
      ],
      [
        'a qa may not move tickets',
        http()
          .post(`/api/v1/complaints/${id}/transitions`)
          .use(qa)
          .send({ to: 'accepted', expectedVersion: 1 }),
        403,
      ],
    ];
    for (const [what, req, status, field] of cases) {
      const r = await req;
      expect({ what, status: r.status }).toEqual({ what, status });
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(r.body.errors ?? [])).toContain(field ?? '');
    }
    const after = await http().get(`/api/v1/complaints/${id}`).use(lead);
    expect(after.body).toMatchObject({ status: 'open', version: 1, callbacks: [] });
    expect(after.body.history).toHaveLength(1);
  });

  it('keeps per-tenant settings: presets, validation with every bad field, versions', async () => {
    const s = await http().get('/api/v1/complaints/settings').use(lead);
    expect(s.body).toMatchObject({
      preset: 'standard',
      version: 0,
      callbackRetry: { attempts: 3 },
    });
    const bad = await http()
      .put('/api/v1/complaints/settings')
      .use(lead)
      .send({ preset: 'fast', calendar: { periods: [{ start: '18:00', end: '09:00' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'preset',
      'calendar.periods.0',
    ]);
    const put = await http()
      .put('/api/v1/complaints/settings')
      .use(lead)
      .send({ preset: '12315', expectedVersion: 0 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      preset: '12315',
      version: 1,
      sla: { accept: { basis: 'working_days', minutes: 10080 } },
    });
    const stale = await http()
      .put('/api/v1/complaints/settings')
      .use(lead)
      .send({ preset: 'standard', expectedVersion: 0 });
    expect(stale.status).toBe(409);
    expect(
      (await http().put('/api/v1/complaints/settings').use(qa).send({ preset: 'standard' })).status,
    ).toBe(403);
    await http().put('/api/v1/complaints/settings').use(lead).send({ preset: 'standard' });
  });

  it('lists the most urgent first and pages with a cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await http()
        .post('/api/v1/complaints')
        .use(lead)
        .send({ customer: { id: `u-page-${i}` }, category: 'paging', description: `#${i}` });
      ids.push(r.body.id);
    }
    const first = await http()
      .get('/api/v1/complaints')
      .query({ category: 'paging', limit: 2 })
      .use(lead);
    expect(first.body.items).toHaveLength(2);
    const second = await http()
      .get('/api/v1/complaints')
      .query({ category: 'paging', limit: 2, cursor: first.body.nextCursor })
      .use(lead);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...second.body.items] as {
      id: string;
      sla: { nextDueAt: string };
    }[];
    expect(new Set(all.map((t) => t.id))).toEqual(new Set(ids));
    const dues = all.map((t) => t.sla.nextDueAt);
    expect([...dues].sort()).toEqual(dues);
  });

  it('documents every complaints path with its error responses in OpenAPI', async () => {
    const doc = (await http().get('/docs-json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const ops = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/complaints'))
      .flatMap(([path, item]) =>
        Object.entries(item).map(([method, op]) => ({ path, method, op })),
      );
    expect(ops.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort()).toEqual([
      'GET /api/v1/complaints',
      'GET /api/v1/complaints/settings',
      'GET /api/v1/complaints/stats',
      'GET /api/v1/complaints/{id}',
      'PATCH /api/v1/complaints/{id}',
      'POST /api/v1/complaints',
      'POST /api/v1/complaints/{id}/callbacks',
      'POST /api/v1/complaints/{id}/transitions',
      'PUT /api/v1/complaints/settings',
    ]);
    for (const { path, method, op } of ops) {
      const codes = Object.keys(op.responses);
      expect({
        path,
        method,
        ok: codes.some((c) => c.startsWith('2')),
        err: codes.some((c) => c.startsWith('4')),
      }).toEqual({ path, method, ok: true, err: true });
    }
  });

  it('records a callback from a callback call whose script check arrives before the call itself, once', async () => {
    const created = await http()
      .post('/api/v1/complaints')
      .use(lead)
      .send({ customer: { id: 'u-order' }, category: 'refund', description: '退款未到账' });
    const id = created.body.id as string;
    let version = created.body.version as number;
    for (const to of ['accepted', 'investigating', 'solution_proposed', 'resolved']) {
      const r = await http()
        .post(`/api/v1/complaints/${id}/transitions`)
        .use(lead)
        .send({ to, reason: to, expectedVersion: version });
      version = r.body.version;
    }
    const cb = `cb-${randomUUID()}`;
    await publishEvent(
      producer,
      Topics.EvaluationScored,
      cb,
      scoredCallbackCall(tenantId, cb, '方便吗'),
      tenantId,
    );
    await sleep(1000); // the script check is stored and waits for its call
    const callback = ingestedCall(
      tenantId,
      cb,
      [
        [1, '您好,我是客服,请问您现在方便吗'],
        [2, '方便,退款已经到了,非常满意'],
      ],
      {
        purpose: 3,
        direction: 2,
        relatedCallIds: [id],
        customer: { id: 'u-order', phone: '', name: '' },
      },
    );
    await publishEvent(
      producer,
      Topics.CallIngested,
      cb,
      { call: callback, ingestedAt: '' },
      tenantId,
    );
    await publishEvent(
      producer,
      Topics.CallIngested,
      cb,
      { call: callback, ingestedAt: '' },
      tenantId,
    );
    const done = await waitFor('the callback from the call', async () => {
      const r = await http().get(`/api/v1/complaints/${id}`).use(lead);
      return r.body.status === 'callback_done' ? r.body : undefined;
    });
    await sleep(1000);
    const after = (await http().get(`/api/v1/complaints/${id}`).use(lead)).body;
    expect(after.callbacks).toHaveLength(1);
    expect(done.callbacks[0]).toMatchObject({
      callId: cb,
      outcome: 'reached',
      satisfaction: 5,
      by: 'system',
      notes: expect.stringContaining('callback.script: pass (方便吗)'),
    });
  });
});
