import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Codecs, EventMap, EventTopic, Topics } from '@qa/contracts';
import { createService } from '@qa/platform';
import { defaultScorecard } from '@qa/qa-rules';
import {
  announceTenant,
  asIdentity,
  ingestedCall,
  publishEvent,
  startKafkaProbe,
  TopicRecorder,
  waitFor,
} from '@qa/testing';
import { Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/scoring/src/app.module';
import { HumanReview1764892800000 } from '../../apps/scoring/src/migrations/1764892800000-human-review';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';

interface Finding {
  ruleId: string;
  itemId: string;
  outcome: string;
  automaticOutcome: string;
  heldForReview: boolean;
}

/** Human review (issue 15) in the scoring service against the real Kafka and Postgres. */
describe('human review', () => {
  const tenantId = `hr-${randomUUID().slice(0, 8)}`;
  const heldTenant = `hh-${randomUUID().slice(0, 8)}`;
  const qa = asIdentity({ tenantId, role: 'qa', username: 'qa-wang' });
  const qa2 = asIdentity({ tenantId, role: 'qa', username: 'qa-li' });
  const lead = asIdentity({ tenantId, role: 'lead', username: 'lead-zhao' });
  const admin = asIdentity({ tenantId, role: 'admin', username: 'admin-chen' });
  const agent = asIdentity({ tenantId, role: 'agent', agentId: 'a-1', username: 'agent-1' });
  const otherAgent = asIdentity({ tenantId, role: 'agent', agentId: 'a-2', username: 'agent-2' });
  const strangerLead = asIdentity({ tenantId: heldTenant, role: 'lead' });
  let app: INestApplication;
  let db: DataSource;
  let producer: Producer;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());

  const decode = <K extends EventTopic>(topic: K, value: Buffer | null): EventMap[K] =>
    Codecs[topic].decode(value!) as EventMap[K];

  /** Scores a call with a forbidden phrase (forbidden.phrases fails) and answers its evaluation. */
  async function scoredCall(tenant = tenantId, reader = qa) {
    const c = ingestedCall(tenant, `c-${randomUUID()}`, [
      [1, '您好,星河通信,工号1001,很高兴为您服务'],
      [2, '我的退款为什么还没到账'],
      [1, '这个我不清楚,请问还有其他可以帮您的吗'],
      [1, '感谢您的来电,再见'],
    ]);
    await publishEvent(
      producer,
      Topics.CallIngested,
      c.callId,
      { call: c, ingestedAt: '' },
      tenant,
    );
    return waitFor(`evaluation of ${c.callId}`, async () => {
      const list = await http().get('/api/v1/evaluations').query({ callId: c.callId }).use(reader);
      const first = list.body.items?.[0];
      if (!first) return undefined;
      return (await http().get(`/api/v1/evaluations/${first.id}`).use(reader)).body;
    });
  }

  const historyOf = async (id: string) =>
    (await http().get(`/api/v1/evaluations/${id}/history`).use(qa)).body.items as {
      action: string;
      changes: unknown[];
    }[];

  /**
   * Finalizes a fresh evaluation: by default forbidden.phrases overridden to pass and the manual
   * item passed; `engineStands` keeps the engine's fail and fails the manual item instead.
   */
  async function finalized(engineStands = false) {
    const ev = await scoredCall();
    const r = await http()
      .post(`/api/v1/evaluations/${ev.id}/review`)
      .use(qa)
      .send({
        expectedVersion: ev.version,
        overrides: engineStands
          ? []
          : [{ ruleId: 'forbidden.phrases', outcome: 'pass', reason: '客户原话,非坐席' }],
        answers: ev.pendingManualItems.map((itemId: string) => ({
          itemId,
          outcome: engineStands ? 'fail' : 'pass',
        })),
        finalize: true,
      });
    expect(r.status).toBe(200);
    return { before: ev, after: r.body };
  }

  beforeAll(async () => {
    app = await createService(AppModule, scoringServiceOptions);
    await app.listen(0);
    db = app.get(DataSource);
    ({ producer, recorder } = await startKafkaProbe('human-review-test', [
      Topics.EvaluationScored,
      Topics.EvaluationReviewed,
      Topics.EvaluationReviewStep,
    ]));
    await announceTenant(producer, db, 'scoring', tenantId);
    await announceTenant(producer, db, 'scoring', heldTenant);
  });

  afterAll(async () => {
    await recorder?.stop();
    await producer?.disconnect();
    await app?.close();
  });

  it('reviews, then finalizes: the reviewed score goes out on qa.evaluation.reviewed.v1, autoScore stays', async () => {
    const ev = await scoredCall();
    expect(ev).toMatchObject({ status: 'auto', version: 1, autoScore: ev.score });
    const forbidden = ev.findings.find((f: Finding) => f.ruleId === 'forbidden.phrases');
    expect(forbidden.outcome).toBe('fail');

    const reviewed = await http()
      .post(`/api/v1/evaluations/${ev.id}/review`)
      .use(qa)
      .send({
        expectedVersion: 1,
        overrides: [
          {
            ruleId: 'forbidden.phrases',
            outcome: 'pass',
            reason: '不清楚 is the customer quoting',
          },
        ],
        comment: 'first look',
      });
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ status: 'in_review', version: 2, autoScore: ev.score });
    expect(reviewed.body.score).toBeGreaterThan(ev.score);
    const f = reviewed.body.findings.find((x: Finding) => x.ruleId === 'forbidden.phrases');
    expect(f).toMatchObject({ outcome: 'pass', automaticOutcome: 'fail' });

    const manual = ev.pendingManualItems as string[];
    expect(manual.length).toBeGreaterThan(0);
    const done = await http()
      .post(`/api/v1/evaluations/${ev.id}/review`)
      .use(qa)
      .send({
        expectedVersion: 2,
        answers: manual.map((itemId) => ({ itemId, outcome: 'pass', comment: '解答完整' })),
        finalize: true,
      });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'final', version: 3, autoScore: ev.score });
    expect(done.body.pendingManualItems).toEqual([]);

    const event = await waitFor('the reviewed event', () => {
      const m = recorder.withKey(Topics.EvaluationReviewed, ev.callId)[0];
      return m && decode(Topics.EvaluationReviewed, m.message.value);
    });
    expect(event).toMatchObject({
      evaluationId: ev.id,
      tenantId,
      score: done.body.score,
      previousScore: ev.score,
      finalized: true,
      reviewerId: 'qa-wang',
    });
    expect(event.overrides.map((o) => o.itemId)).toEqual([forbidden.itemId]);

    const decisions = (await db.query(
      `SELECT rule_id, engine_outcome, human_outcome, decided_by, week::text AS week
       FROM scoring.review_decisions WHERE evaluation_id = $1 ORDER BY rule_id`,
      [ev.id],
    )) as { rule_id: string; engine_outcome: string; human_outcome: string; week: string }[];
    expect(decisions).toHaveLength(ev.findings.length);
    expect(decisions.find((d) => d.rule_id === 'forbidden.phrases')).toMatchObject({
      engine_outcome: 'fail',
      human_outcome: 'pass',
      decided_by: 'qa-wang',
    });
    expect(decisions.filter((d) => d.engine_outcome !== d.human_outcome)).toHaveLength(1);
    expect(new Date(`${decisions[0].week}T00:00:00Z`).getUTCDay()).toBe(1);

    // Final is final: no more review, and nothing is written by the attempt.
    const after = await http()
      .post(`/api/v1/evaluations/${ev.id}/review`)
      .use(qa)
      .send({ expectedVersion: 3, comment: 'one more thing' });
    expect(after.status).toBe(409);
    expect(after.body.code).toBe('EVALUATION_FINAL');
    const steps = await historyOf(ev.id);
    expect(steps.map((h) => h.action)).toEqual(['scored', 'reviewed', 'finalized']);
    // Every change keeps its own why: the override's reason, the manual answer's comment.
    expect(steps[1].changes).toEqual([
      {
        ruleId: 'forbidden.phrases',
        itemId: forbidden.itemId,
        before: 'fail',
        after: 'pass',
        reason: '不清楚 is the customer quoting',
      },
    ]);
    expect(steps[2].changes).toEqual(
      manual.map((itemId) => ({ itemId, before: 'pending', after: 'pass', reason: '解答完整' })),
    );
  });

  it('refuses the stale one of two concurrent reviews with the same expectedVersion', async () => {
    const ev = await scoredCall();
    const send = (who: typeof qa, outcome: string) =>
      http()
        .post(`/api/v1/evaluations/${ev.id}/review`)
        .use(who)
        .send({
          expectedVersion: ev.version,
          overrides: [{ ruleId: 'forbidden.phrases', outcome, reason: `${outcome} by me` }],
        });
    const [a, b] = await Promise.all([send(qa, 'pass'), send(qa2, 'not_applicable')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.headers['content-type']).toContain('application/problem+json');
    expect(loser.body.code).toBe('REVIEW_STALE_VERSION');
    const now = (await http().get(`/api/v1/evaluations/${ev.id}`).use(qa)).body;
    expect(now.version).toBe(2);
    const history = await historyOf(ev.id);
    expect(history.map((h) => h.action)).toEqual(['scored', 'reviewed']);
    // Retrying with the version just read works.
    const retry = await http()
      .post(`/api/v1/evaluations/${ev.id}/review`)
      .use(loser === a ? qa : qa2)
      .send({ expectedVersion: now.version, comment: 'agreed after all' });
    expect(retry.status).toBe(200);
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const ev = await scoredCall();
    const bad = [
      [{ overrides: [{ ruleId: 'forbidden.phrases', outcome: 'pass' }] }, 'overrides.0.reason'],
      [
        { overrides: [{ ruleId: 'no.such.rule', outcome: 'pass', reason: 'x' }] },
        'overrides.0.ruleId',
      ],
      [{ answers: [{ itemId: 'no-such-item', outcome: 'pass' }] }, 'answers.0.itemId'],
      [
        { overrides: [{ ruleId: 'forbidden.phrases', outcome: 'maybe', reason: 'x' }] },
        'overrides.0.outcome',
      ],
      [{ finalize: true }, 'answers'],
      [
        // One good override beside a bad one: neither is applied.
        {
          overrides: [
            { ruleId: 'forbidden.phrases', outcome: 'pass', reason: 'fine' },
            { ruleId: 'greeting.opening', outcome: 'fail' },
          ],
        },
        'overrides.1.reason',
      ],
    ] as const;
    for (const [body, path] of bad) {
      const r = await http()
        .post(`/api/v1/evaluations/${ev.id}/review`)
        .use(qa)
        .send({ expectedVersion: ev.version, ...body });
      expect({ path, status: r.status }).toEqual({ path, status: 400 });
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const missingVersion = await http()
      .post(`/api/v1/evaluations/${ev.id}/review`)
      .use(qa)
      .send({ comment: 'x' });
    expect(missingVersion.status).toBe(400);
    const now = (await http().get(`/api/v1/evaluations/${ev.id}`).use(qa)).body;
    expect(now).toMatchObject({ version: 1, status: 'auto', score: ev.score });
    expect((await historyOf(ev.id)).map((h) => h.action)).toEqual(['scored']);
    // Roles: agents and leads do not review; another tenant's evaluation does not exist.
    for (const who of [agent, lead])
      expect(
        (
          await http()
            .post(`/api/v1/evaluations/${ev.id}/review`)
            .use(who)
            .send({ expectedVersion: 1 })
        ).status,
      ).toBe(403);
    const stranger = asIdentity({ tenantId: heldTenant, role: 'qa' });
    expect(
      (
        await http()
          .post(`/api/v1/evaluations/${ev.id}/review`)
          .use(stranger)
          .send({ expectedVersion: 1, comment: 'x' })
      ).status,
    ).toBe(404);
    expect((await http().get(`/api/v1/evaluations/${ev.id}/history`).use(stranger)).status).toBe(
      404,
    );
  });

  it('shows agents only their own released evaluations', async () => {
    const { after: ev } = await finalized();
    const mine = () => http().get(`/api/v1/evaluations/${ev.id}`).use(agent);
    const listed = async (who: typeof agent) =>
      (
        (await http().get('/api/v1/evaluations').query({ callId: ev.callId }).use(who)).body
          .items as unknown[]
      ).length;
    expect((await mine()).status).toBe(404);
    expect(await listed(agent)).toBe(0);
    expect((await http().get(`/api/v1/evaluations/${ev.id}/history`).use(agent)).status).toBe(404);
    expect((await http().post(`/api/v1/evaluations/${ev.id}/release`).use(agent)).status).toBe(403);
    const released = await http().post(`/api/v1/evaluations/${ev.id}/release`).use(lead);
    expect(released.status).toBe(200);
    expect(released.body.releasedAt).toEqual(expect.any(String));
    expect((await mine()).status).toBe(200);
    expect(await listed(agent)).toBe(1);
    expect((await http().get(`/api/v1/evaluations/${ev.id}`).use(otherAgent)).status).toBe(404);
    expect(await listed(otherAgent)).toBe(0);
    expect((await http().get(`/api/v1/evaluations/${ev.id}`).use(strangerLead)).status).toBe(404);
    const ack = await http().post(`/api/v1/evaluations/${ev.id}/acknowledge`).use(agent);
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedAt).toEqual(expect.any(String));
    expect(
      (await http().post(`/api/v1/evaluations/${ev.id}/acknowledge`).use(otherAgent)).status,
    ).toBe(404);
    // An unfinished evaluation cannot be released.
    const open = await scoredCall();
    const early = await http().post(`/api/v1/evaluations/${open.id}/release`).use(qa);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('EVALUATION_NOT_FINAL');
  });

  it('walks a dispute partly accepted by a lead, every step in the history', async () => {
    const { before, after: ev } = await finalized(true);
    expect((await http().post(`/api/v1/evaluations/${ev.id}/release`).use(qa)).status).toBe(200);
    const accept = ev.findings.find((f: Finding) => f.ruleId === 'forbidden.phrases') as Finding;
    expect(accept.outcome).toBe('fail');
    const reject = ev.manualAnswers[0] as { itemId: string; outcome: string };
    expect(reject.outcome).toBe('fail');
    const opened = await http()
      .post(`/api/v1/evaluations/${ev.id}/disputes`)
      .use(agent)
      .send({
        items: [
          { ruleId: accept.ruleId, comment: '我说了,录音里有' },
          { itemId: reject.itemId, comment: '问题已解答' },
        ],
      });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      id: expect.any(String),
      status: 'open',
      evaluationId: ev.id,
    });
    const again = await http()
      .post(`/api/v1/evaluations/${ev.id}/disputes`)
      .use(agent)
      .send({ items: [{ ruleId: accept.ruleId, comment: 'again' }] });
    expect(again.status).toBe(409);
    expect(
      (
        await http()
          .post(`/api/v1/disputes/${opened.body.id}/decision`)
          .use(qa)
          .send({ decision: 'upheld', comment: 'x' })
      ).status,
    ).toBe(403);
    const notDisputed = await http()
      .post(`/api/v1/disputes/${opened.body.id}/decision`)
      .use(lead)
      .send({
        decision: 'partly_accepted',
        items: [{ ruleId: 'greeting.opening', outcome: 'fail' }],
        comment: 'x',
      });
    expect(notDisputed.status).toBe(400);
    expect(notDisputed.body.errors[0].path).toBe('items.0');

    const decided = await http()
      .post(`/api/v1/disputes/${opened.body.id}/decision`)
      .use(lead)
      .send({
        decision: 'partly_accepted',
        items: [{ ruleId: accept.ruleId, outcome: 'pass', comment: '录音确认' }],
        comment: '一项接受,一项维持',
      });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'partly_accepted', decidedBy: 'lead-zhao' });
    const now = (await http().get(`/api/v1/evaluations/${ev.id}`).use(agent)).body;
    expect(now.version).toBe(ev.version + 2); // released, then decided
    expect(now.score).toBeGreaterThan(ev.score);
    expect(now.autoScore).toBe(before.score);
    expect(now.findings.find((f: Finding) => f.ruleId === accept.ruleId).outcome).toBe('pass');
    expect(now.manualAnswers[0]).toMatchObject({ itemId: reject.itemId, outcome: 'fail' });

    const events = await waitFor('two reviewed events', () => {
      const ms = recorder.withKey(Topics.EvaluationReviewed, ev.callId);
      return ms.length === 2 && ms.map((m) => decode(Topics.EvaluationReviewed, m.message.value));
    });
    expect(events.map((e) => e.score)).toEqual([ev.score, now.score]);
    const [decision] = (await db.query(
      `SELECT engine_outcome, human_outcome FROM scoring.review_decisions
       WHERE evaluation_id = $1 AND rule_id = $2`,
      [ev.id, accept.ruleId],
    )) as { engine_outcome: string; human_outcome: string }[];
    expect(decision).toEqual({ engine_outcome: 'fail', human_outcome: 'pass' });

    const history = await http().get(`/api/v1/evaluations/${ev.id}/history`).use(lead);
    expect(history.status).toBe(200);
    expect(history.body.items.map((h: { action: string }) => h.action)).toEqual([
      'scored',
      'finalized',
      'released',
      'disputed',
      'dispute_decided',
    ]);
    expect(history.body.items[4]).toMatchObject({
      by: 'lead-zhao',
      role: 'lead',
      changes: [{ ruleId: accept.ruleId, before: 'fail', after: 'pass' }],
      scoreBefore: ev.score,
      scoreAfter: now.score,
    });
    const steps = await waitFor('three review steps', () => {
      const ms = recorder.withKey(Topics.EvaluationReviewStep, ev.callId);
      return ms.length === 3 && ms.map((m) => decode(Topics.EvaluationReviewStep, m.message.value));
    });
    expect(steps.map((x) => [x.action, x.by, x.disputeId, x.decision])).toEqual([
      ['released', 'qa-wang', '', ''],
      ['disputed', 'agent-1', opened.body.id, ''],
      ['dispute_decided', 'lead-zhao', opened.body.id, 'partly_accepted'],
    ]);
    expect(steps[1].itemIds).toEqual([accept.itemId, reject.itemId]);
    expect(steps[2]).toMatchObject({
      itemIds: [accept.itemId],
      score: now.score,
      version: now.version,
    });
    process.stdout.write(
      `history of evaluation ${ev.id} as GET /api/v1/evaluations/:id/history returned it:\n${JSON.stringify(history.body, null, 2)}\n`,
    );
    // One dispute per evaluation by default: a second one is refused, naming the limit.
    const third = await http()
      .post(`/api/v1/evaluations/${ev.id}/disputes`)
      .use(agent)
      .send({ items: [{ itemId: reject.itemId, comment: '还是不服' }] });
    expect(third.status).toBe(422);
    expect(third.body.code).toBe('DISPUTE_LIMIT_REACHED');
    // The history table refuses to be rewritten.
    await expect(
      db.query(`UPDATE scoring.evaluation_history SET reason = 'x' WHERE evaluation_id = $1`, [
        ev.id,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.query(`DELETE FROM scoring.evaluation_history WHERE evaluation_id = $1`, [ev.id]),
    ).rejects.toThrow(/append-only/);
  });

  it('refuses a dispute after the tenant window, naming it; a longer window set by the admin lets it in', async () => {
    const { after: ev } = await finalized();
    expect((await http().post(`/api/v1/evaluations/${ev.id}/release`).use(qa)).status).toBe(200);
    // Released eight days ago: past the default seven-day window.
    await db.query(
      `UPDATE scoring.evaluations SET released_at = now() - interval '8 days' WHERE id = $1`,
      [ev.id],
    );
    const body = { items: [{ ruleId: 'forbidden.phrases', comment: '晚了也要申诉' }] };
    const late = await http().post(`/api/v1/evaluations/${ev.id}/disputes`).use(agent).send(body);
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('DISPUTE_WINDOW_CLOSED');
    expect(late.body.detail).toMatch(/dispute window of 7 day/);
    expect(
      (await db.query(`SELECT 1 FROM scoring.disputes WHERE evaluation_id = $1`, [ev.id])).length,
    ).toBe(0);
    expect(
      (
        await http()
          .put('/api/v1/review-settings')
          .use(lead)
          .send({ disputeWindowDays: 30, maxDisputes: 2 })
      ).status,
    ).toBe(403);
    const set = await http()
      .put('/api/v1/review-settings')
      .use(admin)
      .send({ disputeWindowDays: 30, maxDisputes: 2 });
    expect(set.status).toBe(200);
    expect((await http().get('/api/v1/review-settings').use(agent)).body).toEqual({
      disputeWindowDays: 30,
      maxDisputes: 2,
    });
    const inTime = await http().post(`/api/v1/evaluations/${ev.id}/disputes`).use(agent).send(body);
    expect(inTime.status).toBe(201);
    expect(
      (await http().post(`/api/v1/evaluations/${ev.id}/disputes`).use(otherAgent).send(body))
        .status,
    ).toBe(404);
    const listed = await http()
      .get('/api/v1/disputes')
      .query({ status: 'open', evaluationId: ev.id })
      .use(lead);
    expect(listed.body.items.map((d: { id: string }) => d.id)).toEqual([inTime.body.id]);
  });

  it("holds a needs-human-review rule's fail out of the score until a person confirms it", async () => {
    const card = defaultScorecard();
    card.items.find((i) => i.ruleId === 'forbidden.phrases')!.needsHumanReview = true;
    const heldAdmin = asIdentity({ tenantId: heldTenant, role: 'admin' });
    const heldQa = asIdentity({ tenantId: heldTenant, role: 'qa', username: 'qa-held' });
    const created = await http()
      .post('/api/v1/scorecards/default/versions')
      .use(heldAdmin)
      .send({ definition: card, activate: true });
    expect(created.status).toBe(201);
    const ev = await scoredCall(heldTenant, heldQa);
    const f = ev.findings.find((x: Finding) => x.ruleId === 'forbidden.phrases');
    expect(f).toMatchObject({ outcome: 'fail', needsHumanReview: true, heldForReview: true });
    expect(ev.score).toBeGreaterThan(ev.autoScore);
    const scored = await waitFor('the scored event', () => {
      const m = recorder.withKey(Topics.EvaluationScored, ev.callId)[0];
      return m && decode(Topics.EvaluationScored, m.message.value);
    });
    expect(scored.score).toBe(ev.score);

    // A confirmation agrees with the engine: no reason needed; the fail now counts.
    const confirmed = await http()
      .post(`/api/v1/evaluations/${ev.id}/review`)
      .use(heldQa)
      .send({
        expectedVersion: ev.version,
        overrides: [{ ruleId: 'forbidden.phrases', outcome: 'fail' }],
      });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.score).toBe(ev.autoScore);
    expect(
      confirmed.body.findings.find((x: Finding) => x.ruleId === 'forbidden.phrases'),
    ).toMatchObject({ outcome: 'fail', heldForReview: false });
    const history = (await http().get(`/api/v1/evaluations/${ev.id}/history`).use(heldQa)).body
      .items;
    expect(history[1].changes).toEqual([
      { ruleId: 'forbidden.phrases', itemId: f.itemId, before: 'held', after: 'fail' },
    ]);
  });

  it('documents every review path with its error responses in OpenAPI', async () => {
    const doc = (await http().get('/docs-json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    // 413 and 415 on every operation with a body: the body parser's (withBodyProblems).
    const expected: Record<string, string[]> = {
      'POST /api/v1/evaluations/{id}/review': ['200', '400', '403', '404', '409', '413', '415'],
      'GET /api/v1/evaluations/{id}/history': ['200', '403', '404'],
      'POST /api/v1/evaluations/{id}/release': ['200', '403', '404', '409'],
      'POST /api/v1/evaluations/{id}/acknowledge': ['200', '403', '404'],
      'POST /api/v1/evaluations/{id}/disputes': [
        '201',
        '400',
        '403',
        '404',
        '409',
        '413',
        '415',
        '422',
      ],
      'GET /api/v1/disputes': ['200', '400', '403'],
      'POST /api/v1/disputes/{id}/decision': ['200', '400', '403', '404', '409', '413', '415'],
      'GET /api/v1/review-settings': ['200', '403'],
      'PUT /api/v1/review-settings': ['200', '400', '403', '413', '415'],
    };
    const documented = Object.fromEntries(
      Object.keys(expected).map((key) => {
        const [method, path] = key.split(' ');
        return [key, Object.keys(doc.paths[path]?.[method.toLowerCase()]?.responses ?? {}).sort()];
      }),
    );
    expect(documented).toEqual(expected);
  });

  it('migrates down and up again: old statuses return, then map to in_review with a scored history row', async () => {
    const ev = await scoredCall();
    const q = db.createQueryRunner();
    await q.startTransaction();
    try {
      const migration = new HumanReview1764892800000();
      await migration.down(q);
      const tables = (await q.query(
        `SELECT to_regclass('scoring.evaluation_history') AS h, to_regclass('scoring.disputes') AS d`,
      )) as { h: string | null; d: string | null }[];
      expect(tables).toEqual([{ h: null, d: null }]);
      // An evaluation as the old code left it: status 'reviewed'.
      await q.query(`UPDATE scoring.evaluations SET status = 'reviewed' WHERE id = $1`, [ev.id]);
      await migration.up(q);
      const [row] = (await q.query(
        `SELECT status, version, auto_score::float AS auto, score::float AS score
         FROM scoring.evaluations WHERE id = $1`,
        [ev.id],
      )) as { status: string; version: number; auto: number; score: number }[];
      expect(row).toEqual({ status: 'in_review', version: 1, auto: ev.score, score: ev.score });
      const history = (await q.query(
        `SELECT action, by FROM scoring.evaluation_history WHERE evaluation_id = $1`,
        [ev.id],
      )) as { action: string; by: string }[];
      expect(history).toEqual([{ action: 'scored', by: 'engine' }]);
    } finally {
      await q.rollbackTransaction();
      await q.release();
    }
  });
});
