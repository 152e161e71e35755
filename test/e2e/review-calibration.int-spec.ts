import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Topics } from '@qa/contracts';
import { createKafka } from '@qa/messaging';
import { createService } from '@qa/platform';
import { defaultScorecard, Outcome } from '@qa/qa-rules';
import { announceTenant, asIdentity, ingestedCall, publishEvent, waitFor } from '@qa/testing';
import { Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';

interface EvaluatorFigures {
  evaluator: string;
  items: { itemId: string; stricter: number; lenient: number }[];
}

/**
 * A calibration session with three evaluators and an expert over two real scored calls, blind
 * until the last submission; the report equals figures worked out by hand.
 */
describe('calibration', () => {
  const tenantId = `cal-${randomUUID().slice(0, 8)}`;
  const lead = asIdentity({ tenantId, role: 'lead', username: 'lead-1' });
  const as = (username: string) => asIdentity({ tenantId, role: 'qa', username });
  let app: INestApplication;
  let producer: Producer;
  const http = () => request(app.getHttpServer());
  const callIds = [`c-${randomUUID()}`, `c-${randomUUID()}`];

  beforeAll(async () => {
    app = await createService(AppModule, scoringServiceOptions);
    await app.listen(0);
    producer = createKafka('calibration-test', process.env.KAFKA_BROKERS!.split(',')).producer();
    await producer.connect();
    await announceTenant(producer, app.get(DataSource), 'scoring', tenantId);
    // Section s1 (weight 60): a = greeting, b = farewell, 10 points each; s2 (40): manual m, 20.
    const card = defaultScorecard();
    const pick = (ruleId: string, id: string) => ({
      ...card.items.find((i) => i.ruleId === ruleId)!,
      id,
      sectionId: 's1',
      points: 10,
    });
    card.sections = [
      { id: 's1', name: '礼仪', weight: 60 },
      { id: 's2', name: '问题解决', weight: 40 },
    ];
    card.items = [
      pick('greeting.opening', 'a'),
      pick('closing.farewell', 'b'),
      { id: 'm', sectionId: 's2', kind: 'manual', question: '问题是否解决', points: 20 },
    ];
    const created = await http()
      .post('/api/v1/scorecards/default/versions')
      .use(asIdentity({ tenantId, role: 'admin' }))
      .send({ definition: card, activate: true });
    if (created.status !== 201) throw new Error(`scorecard: ${created.status} ${created.text}`);
    for (const callId of callIds) {
      const call = ingestedCall(tenantId, callId, [[1, '您好,星河通信,很高兴为您服务']]);
      await publishEvent(producer, Topics.CallIngested, callId, { call, ingestedAt: '' }, tenantId);
    }
    await waitFor('both evaluations', async () => {
      const rows = (await app
        .get(DataSource)
        .query(
          `SELECT count(*)::int AS n FROM scoring.evaluations WHERE tenant_id = $1 AND scorecard_version = 2`,
          [tenantId],
        )) as { n: number }[];
      return rows[0].n === 2;
    });
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
  });

  const P: Outcome = 'pass';
  const F: Outcome = 'fail';
  const NA: Outcome = 'not_applicable';
  const body = (c1: [Outcome, Outcome, Outcome], c2: [Outcome, Outcome, Outcome]) => ({
    scores: [c1, c2].map(([a, b, m], i) => ({
      callId: callIds[i],
      items: [
        { itemId: 'a', outcome: a },
        { itemId: 'b', outcome: b },
        { itemId: 'm', outcome: m },
      ],
    })),
  });

  it('keeps scores blind until everyone is in, then reports agreement and deviation', async () => {
    const bad = await http()
      .post('/api/v1/calibrations')
      .use(lead)
      .send({ callIds: [...callIds, 'c-none'], evaluators: ['e1', 'e2', 'e3'], expert: 'e1' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'expert' })]);
    const noCall = await http()
      .post('/api/v1/calibrations')
      .use(lead)
      .send({ callIds: [...callIds, 'c-none'], evaluators: ['e1'], expert: 'x' });
    expect(noCall.body.errors).toEqual([expect.objectContaining({ path: 'callIds.2' })]);
    expect(
      (
        await http()
          .post('/api/v1/calibrations')
          .use(as('e1'))
          .send({ callIds, evaluators: ['e1'], expert: 'x' })
      ).status,
    ).toBe(403);

    const created = await http()
      .post('/api/v1/calibrations')
      .use(lead)
      .send({ name: 'Dec', callIds, evaluators: ['e1', 'e2', 'e3'], expert: 'x' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'open', callIds, submitted: [] });
    expect(created.body.calls[0].itemIds).toEqual(['a', 'b', 'm']);
    const id = created.body.id as string;
    const scores = (who: string) => http().post(`/api/v1/calibrations/${id}/scores`).use(as(who));
    const report = (who = as('e1')) => http().get(`/api/v1/calibrations/${id}/report`).use(who);

    // Incomplete scores name what is missing; an outsider may not score or look.
    const partial = await scores('e1').send({
      scores: [{ callId: callIds[0], items: [{ itemId: 'a', outcome: P }] }],
    });
    expect(partial.status).toBe(400);
    expect(partial.body.errors.map((e: { path: string }) => e.path)).toEqual([
      'scores.0.items',
      'scores',
    ]);
    expect((await scores('outsider').send(body([P, P, P], [P, P, P]))).status).toBe(403);
    expect((await report(as('outsider'))).status).toBe(404);
    expect((await http().get('/api/v1/calibrations').use(as('outsider'))).body.items).toEqual([]);

    // Call 1: expert a P, b P, m P = 100.   Call 2: expert a P, b F, m P = 60·10/20 + 40 = 70.
    expect((await scores('x').send(body([P, P, P], [P, F, P]))).body.status).toBe('open');
    // e1: call 1 a NA (s1 = 60·10/10) → 100; call 2 as the expert → 70.
    expect((await scores('e1').send(body([NA, P, P], [P, F, P]))).status).toBe(201);
    // Blind: the session shows who is in, the report refuses and names who is missing.
    const early = await report();
    expect(early.status).toBe(409);
    expect(early.body.pending).toEqual(['e2', 'e3']);
    expect(JSON.stringify(early.body)).not.toMatch(/"score"|benchmark/);
    const session = await http().get(`/api/v1/calibrations/${id}`).use(as('e2'));
    expect(session.body).toMatchObject({ status: 'open', submitted: ['e1', 'x'] });
    expect(JSON.stringify(session.body)).not.toMatch(/outcome|"score"/);
    expect((await scores('e1').send(body([P, P, P], [P, P, P]))).status).toBe(409);
    // e2: call 1 a F → 70; call 2 a F, b F, m F → 0.   e3: call 1 → 100; call 2 all P → 100.
    await scores('e2')
      .send(body([F, P, P], [F, F, F]))
      .expect(201);
    expect((await scores('e3').send(body([P, P, P], [P, P, P]))).body.status).toBe('closed');
    expect((await scores('e3').send(body([P, P, P], [P, P, P]))).status).toBe(409);

    const done = await report(lead);
    expect(done.status).toBe(200);
    expect(done.body.benchmark).toEqual([
      { callId: callIds[0], score: 100 },
      { callId: callIds[1], score: 70 },
    ]);
    // Per item over 3 evaluators × 2 calls: a: call 1 only e3 agrees, call 2 e1 and e3 → 3/6;
    // b: call 1 all three, call 2 e1 and e2 → 5/6; m: call 1 all, call 2 e1 and e3 → 5/6.
    expect(done.body.items).toEqual([
      { itemId: 'a', answers: 6, agreeing: 3, agreement: 0.5 },
      { itemId: 'b', answers: 6, agreeing: 5, agreement: 0.8333 },
      { itemId: 'm', answers: 6, agreeing: 5, agreement: 0.8333 },
    ]);
    const by = Object.fromEntries(
      (done.body.evaluators as EvaluatorFigures[]).map((e) => [e.evaluator, e]),
    );
    // e1: deviations 0, 0 → aligned; 5 of 6 items agree (a on call 1: na vs pass, neither way).
    expect(by.e1).toMatchObject({
      deviation: 0,
      absoluteDeviation: 0,
      itemAgreement: 0.8333,
      tendency: 'aligned',
    });
    expect(by.e1.items[0]).toEqual({
      itemId: 'a',
      agreeing: 1,
      disagreeing: 1,
      stricter: 0,
      lenient: 0,
    });
    // e2: 70 − 100 = −30, 0 − 70 = −70 → mean −50, strict; agrees on b ×2 and m on call 1: 3/6.
    expect(by.e2).toMatchObject({
      scores: [
        { callId: callIds[0], score: 70, benchmark: 100, deviation: -30 },
        { callId: callIds[1], score: 0, benchmark: 70, deviation: -70 },
      ],
      deviation: -50,
      absoluteDeviation: 50,
      itemAgreement: 0.5,
      tendency: 'strict',
    });
    expect(by.e2.items.map((i) => i.stricter)).toEqual([2, 0, 1]);
    // e3: 0 and +30 → mean +15, lenient; passed b where the expert failed it on call 2.
    expect(by.e3).toMatchObject({ deviation: 15, absoluteDeviation: 15, tendency: 'lenient' });
    expect(by.e3.items.map((i) => i.lenient)).toEqual([0, 1, 0]);
    expect((await report(as('e2'))).status).toBe(200);
  });
});
