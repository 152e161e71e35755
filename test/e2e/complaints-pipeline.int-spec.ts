import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { asIdentity, sampleCall, startServices, waitFor } from '@qa/testing';
import request from 'supertest';
import { AppModule as ComplaintsModule } from '../../apps/complaints/src/app.module';
import { complaintsServiceOptions } from '../../apps/complaints/src/complaints.options';
import { AppModule as IngestionModule } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';
import { AppModule as ScoringModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';

/**
 * The closed loop of seed 002 (有投诉即时受理,迅速有结果,处理后有回访) through the real services:
 * a complaint call is ingested and scored, the ticket opens by itself, the lead works it, the
 * callback finds the customer unhappy, the ticket reopens, and a second callback closes it.
 */
describe('complaint call → ticket → callback → closed (ingestion, scoring, complaints)', () => {
  const tenantId = `cl-${randomUUID().slice(0, 8)}`;
  const qa = asIdentity({ tenantId, role: 'qa', username: 'qa-chen' });
  const lead = asIdentity({ tenantId, role: 'lead', username: 'lead-sun' });
  const apps: INestApplication[] = [];
  let ingestion: INestApplication;
  let scoring: INestApplication;
  let complaints: INestApplication;

  const call = (callId: string, purpose: string, texts: [string, string][]) =>
    sampleCall({
      callId,
      tenantId,
      direction: purpose === 'callback' ? 'outbound' : 'inbound',
      purpose,
      agentId: 'a-1001',
      teamId: 't-01',
      customer: { phone: '13800138000', id: 'u-loop' },
      startedAt: '2026-11-30T09:00:00+08:00',
      answeredAt: '2026-11-30T09:00:05+08:00',
      endedAt: '2026-11-30T09:03:00+08:00',
      segments: texts.map(([speaker, text], i) => ({
        speaker,
        startMs: i * 4000,
        endMs: i * 4000 + 3500,
        text,
      })),
    });

  beforeAll(async () => {
    apps.push(
      ...(await startServices([
        [IngestionModule, ingestionServiceOptions],
        [ScoringModule, scoringServiceOptions],
        [ComplaintsModule, complaintsServiceOptions],
      ])),
    );
    [ingestion, scoring, complaints] = apps;
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
  });

  it('walks one ticket from the complaint call to closure through an unhappy callback and a reopen', async () => {
    const callId = `c-${randomUUID()}`;
    const posted = await request(ingestion.getHttpServer())
      .post('/api/v1/calls')
      .use(qa)
      .send(
        call(callId, 'complaint', [
          ['agent', '您好,示例公司,工号1001,很高兴为您服务'],
          ['customer', '我的宽带断了三天一直没人处理,我要投诉'],
          ['agent', '非常抱歉给您带来不便,我们会在24小时内给您回复'],
        ]),
      );
    expect(posted.status).toBe(201);

    // 1. Scoring detects the complaint; complaints opens the ticket by itself.
    const opened = await waitFor(
      'the ticket of the complaint call',
      async () => {
        const r = await request(complaints.getHttpServer())
          .get('/api/v1/complaints')
          .query({ callId })
          .use(lead);
        return r.body.items?.[0];
      },
      { timeoutMs: 60_000 },
    );
    expect(opened).toMatchObject({
      status: 'open',
      callId,
      agentId: 'a-1001',
      teamId: 't-01',
      customer: { id: 'u-loop' },
    });
    expect(opened.sla.acceptBy).toEqual(expect.any(String));
    // The originating call's evaluation is one link away.
    const evaluation = await request(scoring.getHttpServer())
      .get(`/api/v1/evaluations/${opened.evaluationId}`)
      .use(qa);
    expect(evaluation.status).toBe(200);
    expect(evaluation.body.callId).toBe(callId);

    const id = opened.id as string;
    let version = opened.version as number;
    const move = async (to: string, reason: string) => {
      const r = await request(complaints.getHttpServer())
        .post(`/api/v1/complaints/${id}/transitions`)
        .use(lead)
        .send({ to, reason, expectedVersion: version });
      expect({ to, status: r.status }).toEqual({ to, status: 200 });
      version = r.body.version;
      return r.body;
    };
    const callback = async (body: object) => {
      const r = await request(complaints.getHttpServer())
        .post(`/api/v1/complaints/${id}/callbacks`)
        .use(lead)
        .send(body);
      expect(r.status).toBe(201);
      version = r.body.ticket.version;
      return r.body;
    };

    // 2. Accepted at once, investigated, a solution proposed and the ticket resolved.
    await move('accepted', '已受理,24小时内答复');
    await move('investigating', '转网络部核查');
    await move('solution_proposed', '上门检修');
    const resolved = await move('resolved', '已修复');
    expect(resolved.status).toBe('callback_scheduled');

    // 3. The follow-up callback finds the customer unhappy: the ticket reopens.
    const unhappy = await callback({
      outcome: 'reached',
      satisfaction: 1,
      notes: '修好后又断了',
      callId: `${callId}-cb1`,
    });
    expect(unhappy.ticket).toMatchObject({ status: 'reopened', reopenedCount: 1 });

    // 4. Worked again; the second callback finds the problem solved; the lead closes the ticket.
    await move('investigating', '更换光猫');
    await move('solution_proposed', '更换光猫并赠送一个月宽带');
    await move('resolved', '已更换');
    const happy = await callback({
      outcome: 'reached',
      satisfaction: 5,
      notes: '满意',
      callId: `${callId}-cb2`,
    });
    expect(happy.ticket.status).toBe('callback_done');
    const closed = await move('closed', '结案');
    expect(closed.status).toBe('closed');

    const full = (
      await request(complaints.getHttpServer()).get(`/api/v1/complaints/${id}`).use(lead)
    ).body;
    expect(full.history.map((h: { to: string }) => h.to)).toEqual([
      'open',
      'accepted',
      'investigating',
      'solution_proposed',
      'resolved',
      'callback_scheduled',
      'callback_done',
      'reopened',
      'investigating',
      'solution_proposed',
      'resolved',
      'callback_scheduled',
      'callback_done',
      'closed',
    ]);
    expect(
      full.callbacks.map((c: { satisfaction: number; callId: string }) => [
        c.satisfaction,
        c.callId,
      ]),
    ).toEqual([
      [1, `${callId}-cb1`],
      [5, `${callId}-cb2`],
    ]);
    expect(full.sla.nextDueAt).toBeNull();
  });

  it('takes the callback record from an outbound callback call: unhappy reopens, happy lets the lead close', async () => {
    const http = (app: INestApplication) => request(app.getHttpServer());
    const callId = `c-${randomUUID()}`;
    await http(ingestion)
      .post('/api/v1/calls')
      .use(qa)
      .send(call(callId, 'complaint', [['customer', '退款一直没到账,我要投诉']]))
      .expect(201);
    const ticket = await waitFor('the ticket', async () => {
      const r = await http(complaints).get('/api/v1/complaints').query({ callId }).use(lead);
      return r.body.items?.[0] as { id: string; version: number } | undefined;
    });
    let version = ticket.version;
    const move = async (to: string) => {
      const r = await http(complaints)
        .post(`/api/v1/complaints/${ticket.id}/transitions`)
        .use(lead)
        .send({ to, reason: to, expectedVersion: version });
      expect({ to, status: r.status }).toEqual({ to, status: 200 });
      version = r.body.version;
    };
    const resolve = async () => {
      for (const to of ['investigating', 'solution_proposed', 'resolved']) await move(to);
    };
    // The first names the complaint call; the second only reaches the same customer (matched by
    // the opaque customer key: call events no longer carry the numbers).
    const callbackCall = async (n: number, customerSays: string) => {
      const id = `${callId}-cb${n}`;
      await http(ingestion)
        .post('/api/v1/calls')
        .use(qa)
        .send({
          ...call(id, 'callback', [
            ['agent', '您好,我是示例公司客服代表,工号1001'],
            ['agent', '请问是王先生吗?请问您现在方便接听电话吗'],
            ['customer', '方便'],
            ['agent', '关于您反映的退款问题,我们已经处理,请问您对处理结果满意吗'],
            ['customer', customerSays],
          ]),
          relatedCallIds: n === 1 ? [callId] : [],
        })
        .expect(201);
      return id;
    };
    const ticketNow = () => http(complaints).get(`/api/v1/complaints/${ticket.id}`).use(lead);

    await move('accepted');
    await resolve();
    const first = await callbackCall(1, '还是没到账,很不满意');
    const reopened = await waitFor('the unhappy callback call to reopen the ticket', async () => {
      const r = await ticketNow();
      return r.body.status === 'reopened' ? r.body : undefined;
    });
    version = reopened.version;
    expect(reopened.callbacks).toEqual([
      expect.objectContaining({
        callId: first,
        outcome: 'reached',
        satisfaction: 1,
        by: 'system',
        notes: expect.stringContaining('callback.script'),
      }),
    ]);

    await resolve();
    const second = await callbackCall(2, '已经到账了,非常满意,谢谢');
    const done = await waitFor('the happy callback call', async () => {
      const r = await ticketNow();
      return r.body.status === 'callback_done' ? r.body : undefined;
    });
    version = done.version;
    expect(done.callbacks.at(-1)).toMatchObject({ callId: second, satisfaction: 5, final: true });
    await move('closed');
    expect((await ticketNow()).body.status).toBe('closed');
  });
});
