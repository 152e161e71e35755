import { randomUUID } from 'node:crypto';
import { CallPurpose } from '@qa/contracts';
import { asIdentity } from '@qa/testing';
import request from 'supertest';
import { CoachingHarness, reviewed, reviewedEvent, scored, scoredEvent } from './coaching-support';

const RULE = 'forbidden.phrases';
/** 10:00 in Shanghai on a November day (the default calendar's offset is +8). */
const at = (day: number) => new Date(Date.UTC(2026, 10, day, 2)).toISOString();

/**
 * The lead's view of an agent's pass rate per rule over time, the trainer's list of role plays,
 * and a review that overturns a fail moving both the trend and the assignment's pass rate
 * (real Kafka and Postgres).
 */
describe('coaching: rule trend, training calls, overturning reviews', () => {
  const h = new CoachingHarness();
  const tenantId = `ct-${randomUUID().slice(0, 8)}`;
  const lead = asIdentity({ tenantId, role: 'lead', teamId: 't-1', username: 'lead-1' });
  const otherLead = asIdentity({ tenantId, role: 'lead', teamId: 't-9', username: 'lead-9' });
  const agent = asIdentity({ tenantId, role: 'agent', agentId: 'a-tr' });
  const range = { from: '2026-11-02', to: '2026-11-15' };

  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('shows each rule per week; a review that passes a failed finding moves trend and pass rate', async () => {
    const agentId = 'a-tr';
    // Week of 2 Nov: three fails of RULE (an assignment opens); week of 9 Nov: one pass.
    const fails = [2, 3, 4].map((d) =>
      scored(tenantId, agentId, at(d), { [RULE]: 'fail', 'greeting.opening': 'pass' }),
    );
    const pass = scored(tenantId, agentId, at(10), { [RULE]: 'pass' });
    const role = scored(
      tenantId,
      agentId,
      at(11),
      { [RULE]: 'fail' },
      { callPurpose: CallPurpose.CALL_PURPOSE_TRAINING, score: 64 },
    );
    const events = [...fails, pass, role].map((e) => scoredEvent(e));
    await h.publish(events);
    await h.settled(events);

    const trend = await request(h.http)
      .get(`/api/v1/coaching/agents/${agentId}/trend`)
      .query(range)
      .use(lead)
      .expect(200);
    expect(trend.body).toMatchObject({
      agentId,
      bucket: 'week',
      buckets: ['2026-11-02', '2026-11-09'],
      utcOffsetMinutes: 480,
    });
    // The role play's fail is not in it: training calls never count.
    expect(trend.body.rules).toEqual([
      {
        ruleId: RULE,
        total: { passed: 1, applicable: 4, rate: 0.25 },
        points: [
          { bucketStart: '2026-11-02', passed: 0, applicable: 3, rate: 0 },
          { bucketStart: '2026-11-09', passed: 1, applicable: 1, rate: 1 },
        ],
      },
      {
        ruleId: 'greeting.opening',
        total: { passed: 3, applicable: 3, rate: 1 },
        points: [
          { bucketStart: '2026-11-02', passed: 3, applicable: 3, rate: 1 },
          { bucketStart: '2026-11-09', passed: 0, applicable: 0, rate: null },
        ],
      },
    ]);
    const [assignment] = (
      await request(h.http).get('/api/v1/coaching/assignments').query({ agentId }).use(lead)
    ).body.items as { id: string }[];
    const before = await request(h.http)
      .get(`/api/v1/coaching/assignments/${assignment.id}`)
      .use(lead)
      .expect(200);
    expect(before.body.passRate.before).toMatchObject({ passed: 1, applicable: 4 });

    // QA overturns one of the fails: the trend and the assignment's pass rate both count it passed.
    const overturn = reviewedEvent(
      reviewed(fails[1], RULE, 'pass', '“不知道”后立即给出了查询方案'),
    );
    await h.publish([overturn]);
    await h.settled([overturn]);
    const after = await request(h.http)
      .get(`/api/v1/coaching/agents/${agentId}/trend`)
      .query({ ...range, ruleId: RULE })
      .use(lead)
      .expect(200);
    expect(after.body.rules).toHaveLength(1);
    expect(after.body.rules[0].points[0]).toEqual({
      bucketStart: '2026-11-02',
      passed: 1,
      applicable: 3,
      rate: 1 / 3,
    });
    const moved = await request(h.http)
      .get(`/api/v1/coaching/assignments/${assignment.id}`)
      .use(lead)
      .expect(200);
    expect(moved.body.passRate.before).toMatchObject({ passed: 2, applicable: 4, rate: 0.5 });

    // Months bucket the same calls into one; the agent sees their own, not another's.
    const monthly = await request(h.http)
      .get(`/api/v1/coaching/agents/${agentId}/trend`)
      .query({ from: '2026-11-01', to: '2026-11-30', bucket: 'month', ruleId: RULE })
      .use(agent)
      .expect(200);
    expect(monthly.body.rules[0].points).toEqual([
      { bucketStart: '2026-11-01', passed: 2, applicable: 4, rate: 0.5 },
    ]);
    await request(h.http).get('/api/v1/coaching/agents/a-else/trend').use(agent).expect(403);
    // A lead of another team sees none of this team's calls.
    const foreign = await request(h.http)
      .get(`/api/v1/coaching/agents/${agentId}/trend`)
      .query(range)
      .use(otherLead)
      .expect(200);
    expect(foreign.body.rules).toEqual([]);

    const bad = await request(h.http)
      .get(`/api/v1/coaching/agents/${agentId}/trend`)
      .query({ from: '2026-02-30', bucket: 'day' })
      .use(lead)
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['bucket', 'from']);
  });

  it('lists role plays with their scores, newest first, paged; agents their own', async () => {
    const plays = [5, 6, 7].map((d) =>
      scored(
        tenantId,
        d === 7 ? 'a-tc2' : 'a-tc1',
        at(d),
        { [RULE]: d === 5 ? 'fail' : 'pass' },
        { callPurpose: CallPurpose.CALL_PURPOSE_TRAINING, score: 60 + d },
      ),
    );
    const production = scored(tenantId, 'a-tc1', at(6), { [RULE]: 'pass' });
    const events = [...plays, production].map((e) => scoredEvent(e));
    await h.publish(events);
    await h.settled(events);

    const q = { from: '2026-11-05', to: '2026-11-07' };
    const first = await request(h.http)
      .get('/api/v1/training/calls')
      .query({ ...q, limit: 2 })
      .use(lead)
      .expect(200);
    expect(first.body.items.map((i: { evaluationId: string }) => i.evaluationId)).toEqual([
      plays[2].evaluationId,
      plays[1].evaluationId,
    ]);
    expect(first.body.items[0]).toMatchObject({
      agentId: 'a-tc2',
      callId: plays[2].callId,
      score: 67,
      autoScore: 67,
      reviewedAt: null,
    });
    const rest = await request(h.http)
      .get('/api/v1/training/calls')
      .query({ ...q, limit: 2, cursor: first.body.nextCursor })
      .use(lead)
      .expect(200);
    expect(rest.body).toMatchObject({ nextCursor: null });
    expect(rest.body.items.map((i: { evaluationId: string }) => i.evaluationId)).toEqual([
      plays[0].evaluationId,
    ]);

    const own = await request(h.http)
      .get('/api/v1/training/calls')
      .query(q)
      .use(asIdentity({ tenantId, role: 'agent', agentId: 'a-tc1' }))
      .expect(200);
    expect(own.body.items.map((i: { agentId: string }) => i.agentId)).toEqual(['a-tc1', 'a-tc1']);
    await request(h.http)
      .get('/api/v1/training/calls')
      .query({ agentId: 'a-tc2' })
      .use(asIdentity({ tenantId, role: 'agent', agentId: 'a-tc1' }))
      .expect(403);
    const bad = await request(h.http)
      .get('/api/v1/training/calls')
      .query({ to: 'soon', cursor: 'abc' })
      .use(lead)
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['cursor']);
  });
});
