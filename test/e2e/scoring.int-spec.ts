import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Call, Codecs, EventHeader, EventMap, EventTopic, Topics } from '@qa/contracts';
import { openEventCustomer, piiCipher } from '@qa/pii';
import { createService } from '@qa/platform';
import { defaultScorecard } from '@qa/qa-rules';
import {
  announceTenant,
  asIdentity,
  ingestedCall,
  publishEvent,
  sleep,
  startKafkaProbe,
  TopicRecorder,
  waitFor,
} from '@qa/testing';
import { Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';

/** The scoring service against the real Kafka, Postgres and Redis, fed events as ingestion would. */
describe('scoring service', () => {
  const tenantId = `s-${randomUUID().slice(0, 8)}`;
  const qa = asIdentity({ tenantId, role: 'qa' });
  const admin = asIdentity({ tenantId, role: 'admin' });
  let app: INestApplication;
  let producer: Producer;
  let recorder: TopicRecorder;

  const publish = <K extends EventTopic>(topic: K, key: string, payload: EventMap[K]) =>
    publishEvent(producer, topic, key, payload, tenantId);

  const call = (callId: string, texts: [1 | 2, string][], over: Partial<Call> = {}): Call =>
    ingestedCall(tenantId, callId, texts, over);

  const evaluationOf = (callId: string, identity = qa) =>
    waitFor(`evaluation of ${callId}`, async () => {
      const list = await request(app.getHttpServer())
        .get('/api/v1/evaluations')
        .query({ callId })
        .use(identity);
      const first = list.body.items?.[0];
      if (!first) return undefined;
      return (
        await request(app.getHttpServer()).get(`/api/v1/evaluations/${first.id}`).use(identity)
      ).body;
    });

  beforeAll(async () => {
    app = await createService(AppModule, scoringServiceOptions);
    await app.listen(0);
    ({ producer, recorder } = await startKafkaProbe('scoring-test', [
      Topics.EvaluationScored,
      Topics.ComplaintDetected,
    ]));
    await announceTenant(producer, app.get(DataSource), 'scoring', tenantId);
  });

  afterAll(async () => {
    await recorder?.stop();
    await producer?.disconnect();
    await app?.close();
  });

  it('scores a call with the tenant company name and returns the DESIGN.md shape', async () => {
    const c = call(`c-${randomUUID()}`, [
      [1, '您好,星河通信,工号1001,很高兴为您服务'],
      [2, '查一下话费'],
      [1, '这个我不清楚,请问还有其他可以帮您的吗'],
      [1, '感谢您的来电,再见'],
    ]);
    await publish(Topics.CallIngested, c.callId, { call: c, ingestedAt: '2026-11-22T01:03:01Z' });
    const ev = await evaluationOf(c.callId);
    expect(typeof ev.score).toBe('number');
    expect(typeof ev.grade).toBe('string');
    expect(ev.scorecardVersion).toBe(1);
    const byRule = Object.fromEntries(ev.findings.map((f: { ruleId: string }) => [f.ruleId, f]));
    expect(byRule['greeting.opening'].outcome).toBe('pass');
    expect(byRule['greeting.opening'].evidence).toEqual(
      expect.arrayContaining([expect.objectContaining({ segment: 0, text: '星河通信' })]),
    );
    expect(byRule['forbidden.phrases']).toMatchObject({
      outcome: 'fail',
      evidence: [{ role: 'match', segment: 2, start: 3, end: 6, text: '不清楚' }],
    });
    // Timing rules say what they measured (issue 16 item 6).
    expect(byRule['closing.customer-hangs-up-first'].evidence).toEqual([
      expect.objectContaining({
        role: 'match',
        segment: -1,
        measure: expect.objectContaining({ name: 'hangupBy' }),
      }),
    ]);
    expect(ev.sections.map((s: { name: string }) => s.name)).toEqual([
      '礼仪',
      '沟通',
      '问题解决',
      '效率',
    ]);
    await waitFor(
      'the scored event',
      () => recorder.withKey(Topics.EvaluationScored, c.callId).length === 1,
    );
  });

  it('scores a call once per scorecard version even when it arrives twice with new event ids', async () => {
    const c = call(`c-${randomUUID()}`, [[1, '您好,星河通信,很高兴为您服务']]);
    await publish(Topics.CallIngested, c.callId, { call: c, ingestedAt: '' });
    await publish(Topics.CallIngested, c.callId, { call: c, ingestedAt: '' });
    await evaluationOf(c.callId);
    await sleep(1500);
    const list = await request(app.getHttpServer())
      .get('/api/v1/evaluations')
      .query({ callId: c.callId })
      .use(qa);
    expect(list.body.items).toHaveLength(1);
    expect(recorder.withKey(Topics.EvaluationScored, c.callId)).toHaveLength(1);
  });

  it('publishes qa.complaint.detected.v1 with the evidence when the customer complains', async () => {
    const c = call(`c-${randomUUID()}`, [
      [1, '您好,星河通信,很高兴为您服务'],
      [2, '你们再不处理我就打12315投诉'],
      [1, '非常抱歉给您带来不便'],
    ]);
    await publish(Topics.CallIngested, c.callId, { call: c, ingestedAt: '' });
    const [msg] = await waitFor('complaint event', () => {
      const got = recorder.withKey(Topics.ComplaintDetected, c.callId);
      return got.length ? got : undefined;
    });
    const event = Codecs[Topics.ComplaintDetected].decode(msg.message.value!);
    expect(event).toMatchObject({
      callId: c.callId,
      tenantId,
      reason: 'keyword',
      customerId: '',
      customerPhone: '',
    });
    // The numbers travel sealed for complaints, which holds PII_KEY.
    expect(openEventCustomer(piiCipher(), { sealed: event.customerSealed })).toEqual({
      phone: '13800138000',
      id: 'u-1',
    });
    expect(event.evidence.map((e) => e.text)).toEqual(['12315', '投诉']);
    expect(msg.message.headers?.[EventHeader.TenantId]?.toString()).toBe(tenantId);
  });

  it('keeps scorecards as versions: refuses an invalid one, activates a new one, scores with it', async () => {
    const http = request(app.getHttpServer());
    const list = await http.get('/api/v1/scorecards').use(qa);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      expect.objectContaining({ key: 'default', version: 1, active: true }),
    ]);
    const bad = defaultScorecard();
    bad.sections[0].weight = 10;
    const refused = await http
      .post('/api/v1/scorecards/default/versions')
      .use(admin)
      .send({ definition: bad });
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'sections' })]),
    );
    expect(
      (await http.post('/api/v1/scorecards/default/versions').use(qa).send({ definition: bad }))
        .status,
    ).toBe(403);
    const v2 = defaultScorecard();
    v2.items.find((i) => i.ruleId === 'forbidden.phrases')!.phrases!.forbidden.push('查不到');
    // The server gives the id and the version: a definition may leave them out.
    const withoutIds: Partial<typeof v2> = { ...v2 };
    delete withoutIds.id;
    delete withoutIds.version;
    const created = await http
      .post('/api/v1/scorecards/default/versions')
      .use(admin)
      .send({ definition: withoutIds, activate: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'default', version: 2, active: true });
    const c = call(`c-${randomUUID()}`, [[1, '您好,星河通信,很高兴为您服务,这个查不到']]);
    await publish(Topics.CallIngested, c.callId, { call: c, ingestedAt: '' });
    const ev = await evaluationOf(c.callId);
    expect(ev.scorecardVersion).toBe(2);
    expect(
      ev.findings.find((f: { ruleId: string }) => f.ruleId === 'forbidden.phrases').evidence[0]
        .text,
    ).toBe('查不到');
  });

  it('re-scores stored calls in the background: a dry run stores nothing, a real run adds a version', async () => {
    const http = request(app.getHttpServer());
    const body = { from: '2026-11-22T00:00:00Z', to: '2026-11-23T00:00:00Z' };
    const poll = (jobId: string) =>
      waitFor(`rescore job ${jobId}`, async () => {
        const s = await http.get(`/api/v1/scorecards/rescore-jobs/${jobId}`).use(qa);
        return s.body.state === 'completed' ? s.body : undefined;
      });
    const dry = await http
      .post('/api/v1/scorecards/default/versions/2/rescore')
      .use(qa)
      .send({ ...body, dryRun: true });
    expect(dry.status).toBe(202);
    const dryDone = await poll(dry.body.jobId);
    expect(dryDone.progress).toBe(100);
    expect(dryDone.result).toMatchObject({ dryRun: true, calls: 4, scored: 4 });
    const v2Before = (await http.get('/api/v1/evaluations').use(qa)).body.items.filter(
      (e: { scorecardVersion: number }) => e.scorecardVersion === 2,
    );
    expect(v2Before).toHaveLength(1);
    const real = await http
      .post('/api/v1/scorecards/default/versions/2/rescore')
      .use(admin)
      .send({ ...body, dryRun: false });
    const realDone = await poll(real.body.jobId);
    expect(realDone.result).toMatchObject({ dryRun: false, calls: 4, scored: 3, alreadyScored: 1 });
    const all = (await http.get('/api/v1/evaluations').use(qa)).body.items;
    expect(all.filter((e: { scorecardVersion: number }) => e.scorecardVersion === 2)).toHaveLength(
      4,
    );
    expect(all.filter((e: { scorecardVersion: number }) => e.scorecardVersion === 1)).toHaveLength(
      3,
    );
    const other = asIdentity({ tenantId: `x-${tenantId}`, role: 'qa' });
    expect(
      (await http.get(`/api/v1/scorecards/rescore-jobs/${real.body.jobId}`).use(other)).status,
    ).toBe(404);
  });

  it('shows agents only their own evaluations, once released to them', async () => {
    const mine = asIdentity({ tenantId, role: 'agent', agentId: 'a-1' });
    const notMine = asIdentity({ tenantId, role: 'agent', agentId: 'a-2' });
    const http = request(app.getHttpServer());
    expect((await http.get('/api/v1/evaluations').use(mine)).body.items).toEqual([]);
    const { id } = (await http.get('/api/v1/evaluations').query({ agentId: 'a-1' }).use(qa)).body
      .items[0];
    const ev = (await http.get(`/api/v1/evaluations/${id}`).use(qa)).body;
    const review = await http
      .post(`/api/v1/evaluations/${id}/review`)
      .use(qa)
      .send({
        expectedVersion: ev.version,
        answers: ev.pendingManualItems.map((itemId: string) => ({ itemId, outcome: 'pass' })),
        finalize: true,
      });
    expect(review.status).toBe(200);
    expect((await http.post(`/api/v1/evaluations/${id}/release`).use(qa)).status).toBe(200);
    expect(
      (await http.get('/api/v1/evaluations').use(mine)).body.items.map((e: { id: string }) => e.id),
    ).toEqual([id]);
    expect((await http.get('/api/v1/evaluations').use(notMine)).body.items).toEqual([]);
    expect((await http.get(`/api/v1/evaluations/${id}`).use(mine)).status).toBe(200);
    expect((await http.get(`/api/v1/evaluations/${id}`).use(notMine)).status).toBe(404);
  });

  it('does not score unanswered calls against the agent (busy, or rang out), but scores the answered', async () => {
    const busy = call(`c-${randomUUID()}`, [], { answeredAt: '', disposition: 3 });
    const rangOut = call(`c-${randomUUID()}`, [], {
      answeredAt: '',
      endedAt: '2026-11-22T01:01:00Z',
      disposition: 2,
    });
    const oldStyle = call(`c-${randomUUID()}`, [], { answeredAt: '', disposition: 0 });
    const answered = call(`c-${randomUUID()}`, [[1, '您好,星河通信,很高兴为您服务']], {
      hangupBy: 4, // unknown, as a CDR says
    });
    for (const c of [busy, rangOut, oldStyle, answered])
      await publish(Topics.CallIngested, c.callId, { call: c, ingestedAt: '' });
    const ev = await evaluationOf(answered.callId);
    const byRule = Object.fromEntries(ev.findings.map((f: { ruleId: string }) => [f.ruleId, f]));
    expect(byRule['closing.customer-hangs-up-first'].outcome).toBe('not_applicable');
    await sleep(1000);
    for (const c of [busy, rangOut, oldStyle]) {
      const list = await request(app.getHttpServer())
        .get('/api/v1/evaluations')
        .query({ callId: c.callId })
        .use(qa);
      expect({ callId: c.callId, items: list.body.items }).toEqual({ callId: c.callId, items: [] });
      expect(recorder.withKey(Topics.EvaluationScored, c.callId)).toHaveLength(0);
    }
  });
});
