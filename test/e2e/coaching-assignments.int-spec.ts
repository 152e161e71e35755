import { randomUUID } from 'node:crypto';
import { CallPurpose } from '@qa/contracts';
import { asIdentity } from '@qa/testing';
import request from 'supertest';
import { CoachingHarness, reviewed, reviewedEvent, scored, scoredEvent } from './coaching-support';

const RULE = 'forbidden.phrases';
const at = (day: number) => new Date(Date.UTC(2026, 10, day, 2)).toISOString();
/** Hours from now: a session is held after its assignment opened, and calls after it follow. */
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

/**
 * Issue 19 item 1 against the real Kafka and Postgres: N fails of one rule in an agent's last M
 * evaluations open one assignment for the lead, whatever repeats; reviews replace the engine;
 * training calls never count; the lead records the session and sees the pass rate move.
 */
describe('coaching assignments (scored/reviewed evaluations → coaching)', () => {
  const h = new CoachingHarness();
  const tenantId = `co-${randomUUID().slice(0, 8)}`;
  const lead = asIdentity({ tenantId, role: 'lead', teamId: 't-1', username: 'lead-1' });
  const admin = asIdentity({ tenantId, role: 'admin' });

  const assignmentsOf = async (agentId: string) =>
    (
      await request(h.http)
        .get('/api/v1/coaching/assignments')
        .query({ agentId })
        .use(lead)
        .expect(200)
    ).body.items as {
      id: string;
      ruleId: string;
      evidence: { evaluationId: string; evidence: unknown[]; reason?: string }[];
      version: number;
    }[];

  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('three failing evaluations open one assignment, however often the events repeat', async () => {
    const agentId = 'a-rep';
    const evals = [1, 2, 3].map((d) =>
      scored(tenantId, agentId, at(d), { [RULE]: 'fail', 'greeting.opening': 'pass' }),
    );
    const events = evals.map((e) => scoredEvent(e));
    // The same events again (redelivery: same ids) and the same evaluations under new ids (a replay).
    const replays = evals.map((e) => scoredEvent(e));
    const all = [...events, ...events, ...replays, ...events.reverse()];
    await h.publish(all);
    await h.settled(all);

    const items = await assignmentsOf(agentId);
    expect(items).toHaveLength(1);
    expect(items[0].ruleId).toBe(RULE);
    expect(items[0].evidence.map((q) => q.evaluationId).sort()).toEqual(
      evals.map((e) => e.evaluationId).sort(),
    );
    expect(items[0].evidence[0].evidence).toEqual([
      { segment: 2, start: 0, end: 3, text: '不知道0' },
    ]);
    // A fourth fail while it is open opens nothing more.
    const fourth = scoredEvent(scored(tenantId, agentId, at(4), { [RULE]: 'fail' }));
    await h.publish([fourth]);
    await h.settled([fourth]);
    expect(await assignmentsOf(agentId)).toHaveLength(1);
  });

  it('training calls never count, two fails are not three, and a review replaces the engine', async () => {
    const agentId = 'a-rev';
    const training = [5, 6].map((d) =>
      scored(
        tenantId,
        agentId,
        at(d),
        { [RULE]: 'fail' },
        { callPurpose: CallPurpose.CALL_PURPOSE_TRAINING },
      ),
    );
    const fails = [1, 2].map((d) => scored(tenantId, agentId, at(d), { [RULE]: 'fail' }));
    const passed = scored(tenantId, agentId, at(3), { [RULE]: 'pass' });
    const first = [...training, ...fails, passed].map((e) => scoredEvent(e));
    await h.publish(first);
    await h.settled(first);
    expect(await assignmentsOf(agentId)).toEqual([]);

    // QA overrides the engine's pass: now three of the last ten fail.
    const review = reviewedEvent(reviewed(passed, RULE, 'fail', '客户追问时回答“不清楚”'));
    await h.publish([review]);
    await h.settled([review]);
    const [a] = await assignmentsOf(agentId);
    expect(a.evidence).toHaveLength(3);
    expect(a.evidence.find((q) => q.evaluationId === passed.evaluationId)?.reason).toBe(
      '客户追问时回答“不清楚”',
    );
  });

  it('the lead records the session and sees the pass rate before and after; leads open one by hand', async () => {
    const agentId = 'a-ses';
    const before = [1, 2, 3, 4].map((d) =>
      scored(tenantId, agentId, at(d), { [RULE]: d === 4 ? 'pass' : 'fail' }),
    );
    const ev1 = before.map((e) => scoredEvent(e));
    await h.publish(ev1);
    await h.settled(ev1);
    const [a] = await assignmentsOf(agentId);

    const bad = await request(h.http)
      .post(`/api/v1/coaching/assignments/${a.id}/session`)
      .use(lead)
      .send({
        expectedVersion: a.version,
        notes: '',
        actions: ['用“我帮您查询”代替“不知道”'],
        dueDate: '2026-12-15',
      })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['notes']);
    const held = await request(h.http)
      .post(`/api/v1/coaching/assignments/${a.id}/session`)
      .use(lead)
      .send({
        expectedVersion: a.version,
        notes: '复听三通录音,讨论替代说法',
        actions: ['用“我帮您查询”代替“不知道”'],
        dueDate: '2026-12-15',
        heldAt: inHours(1),
      })
      .expect(200);
    expect(held.body).toMatchObject({ status: 'session_recorded', version: a.version + 1 });
    expect(held.body.session).toMatchObject({ recordedBy: 'lead-1', dueDate: '2026-12-15' });
    await request(h.http)
      .post(`/api/v1/coaching/assignments/${a.id}/session`)
      .use(lead)
      .send({ expectedVersion: a.version, notes: 'x', actions: [], dueDate: '2026-12-15' })
      .expect(409);

    const after = [2, 3].map((d) =>
      scored(tenantId, agentId, inHours(d), { [RULE]: d === 2 ? 'pass' : 'fail' }),
    );
    const ev2 = after.map((e) => scoredEvent(e));
    await h.publish(ev2);
    await h.settled(ev2);
    const got = await request(h.http)
      .get(`/api/v1/coaching/assignments/${a.id}`)
      .use(lead)
      .expect(200);
    expect(got.body.passRate).toMatchObject({
      pivot: held.body.session.heldAt,
      before: { passed: 1, applicable: 4, rate: 0.25 },
      after: { passed: 1, applicable: 2, rate: 0.5 },
    });

    // By hand, from any evaluation: a rule it does not have is a 400 naming ruleId; twice is a 409.
    const bare = await request(h.http)
      .post('/api/v1/coaching/assignments')
      .use(lead)
      .send({ evaluationId: after[1].evaluationId, ruleId: 'hold.announced' })
      .expect(400);
    expect(bare.body.errors[0].path).toBe('ruleId');
    const manual = await request(h.http)
      .post('/api/v1/coaching/assignments')
      .use(lead)
      .send({ evaluationId: after[1].evaluationId, ruleId: RULE, note: '再跟一次' })
      .expect(201);
    expect(manual.body).toMatchObject({
      origin: 'manual',
      openedBy: 'lead-1',
      agentId,
      ruleId: RULE,
      status: 'open',
    });
    expect(manual.body.evidence.map((q: { evaluationId: string }) => q.evaluationId)).toEqual([
      after[1].evaluationId,
    ]);
    await request(h.http)
      .post('/api/v1/coaching/assignments')
      .use(admin)
      .send({ evaluationId: after[1].evaluationId, ruleId: RULE })
      .expect(409);

    // The agent sees their own; another agent sees none of them.
    const own = await request(h.http)
      .get('/api/v1/coaching/assignments')
      .use(asIdentity({ tenantId, role: 'agent', agentId }))
      .expect(200);
    expect(own.body.items).toHaveLength(2);
    await request(h.http)
      .get(`/api/v1/coaching/assignments/${a.id}`)
      .use(asIdentity({ tenantId, role: 'agent', agentId: 'a-other' }))
      .expect(404);
  });

  it('settings: a threshold is tenant-set, bad values are 400s naming the field', async () => {
    const res = await request(h.http)
      .put('/api/v1/coaching/settings')
      .use(admin)
      .send({ threshold: { failures: 12, window: 10 } })
      .expect(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['threshold.failures']);
    const ok = await request(h.http)
      .put('/api/v1/coaching/settings')
      .use(admin)
      .send({ threshold: { failures: 2, window: 5 }, expectedVersion: 0 })
      .expect(200);
    expect(ok.body).toMatchObject({ threshold: { failures: 2, window: 5 }, version: 1 });
  });
});
