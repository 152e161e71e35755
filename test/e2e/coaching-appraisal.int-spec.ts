import { randomUUID } from 'node:crypto';
import { CallPurpose } from '@qa/contracts';
import { asIdentity } from '@qa/testing';
import request from 'supertest';
import { CoachingHarness, scored, scoredEvent } from './coaching-support';

/**
 * Issue 19 item 4 through the coaching service: daily plans (400s naming the field), the month's
 * score from plans and the satisfaction of production calls (training calls never count), by the
 * tenant's business calendar.
 */
describe('monthly appraisal (coaching)', () => {
  const h = new CoachingHarness();
  const tenantId = `ap-${randomUUID().slice(0, 8)}`;
  const admin = asIdentity({ tenantId, role: 'admin', username: 'admin-1' });
  const agent = asIdentity({ tenantId, role: 'agent', agentId: 'a-1', username: 'agent-1' });
  const lead = asIdentity({ tenantId, role: 'lead', username: 'lead-1' });
  const plan = (agentId: string, date: string, goals: { points: number; done: boolean }[]) =>
    request(h.http)
      .put(`/api/v1/appraisal/plans/${agentId}/${date}`)
      .send({ goals: goals.map((g, i) => ({ text: `目标${i + 1}`, ...g })) });

  beforeAll(async () => {
    await h.start();
    // November 2026 has 21 weekdays; the tenant takes the 2nd and 3rd off: n = 19.
    await request(h.http)
      .put('/api/v1/coaching/settings')
      .use(admin)
      .send({ calendar: { holidaySource: 'none', holidays: ['2026-11-02', '2026-11-03'] } })
      .expect(200);
  });
  afterAll(() => h.stop());

  it('refuses bad plans with a 400 naming the field', async () => {
    const tooMuch = await plan('a-1', '2026-11-04', [
      { points: 2, done: true },
      { points: 2, done: false },
    ])
      .use(agent)
      .expect(400);
    expect(tooMuch.body.errors).toEqual([
      { path: 'goals', message: 'a day is worth at most 3 points (these goals sum to 4)' },
    ]);
    const future = await plan('a-1', '2099-01-05', [{ points: 1, done: false }])
      .use(agent)
      .expect(400);
    expect(future.body.errors.map((e: { path: string }) => e.path)).toEqual(['date']);
    const holiday = await plan('a-1', '2026-11-02', [{ points: 1, done: true }])
      .use(agent)
      .expect(400);
    expect(holiday.body.errors[0]).toMatchObject({ path: 'date' });
    await plan('a-2', '2026-11-04', [{ points: 1, done: true }])
      .use(agent)
      .expect(403);
    const month = await request(h.http)
      .get('/api/v1/appraisal/months/2099-01')
      .use(lead)
      .expect(400);
    expect(month.body.errors.map((e: { path: string }) => e.path)).toEqual(['month']);
  });

  it("scores the month: plan points + satisfaction × (100 − 3n), by the tenant's calendar", async () => {
    const days = Array.from(
      { length: 30 },
      (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`,
    ).filter(
      (d) =>
        ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()) &&
        !['2026-11-02', '2026-11-03'].includes(d),
    );
    expect(days).toHaveLength(19);
    // 15 days at 3 points, 4 days with the 1-point goal missed: 45 + 8 = 53 of 57.
    for (const [i, d] of days.entries())
      await plan('a-1', d, [
        { points: 1, done: i < 15 },
        { points: 2, done: true },
      ])
        .use(i % 2 ? agent : lead)
        .expect(200);
    // Ten surveyed production calls, nine satisfied (4–5); a training call's survey never counts.
    const calls = Array.from({ length: 10 }, (_, i) =>
      scored(
        tenantId,
        'a-1',
        `2026-11-${String(10 + i).padStart(2, '0')}T02:00:00Z`,
        {},
        { csat: i === 0 ? 2 : 5 },
      ),
    );
    calls.push(
      scored(
        tenantId,
        'a-1',
        '2026-11-25T02:00:00Z',
        {},
        { csat: 1, callPurpose: CallPurpose.CALL_PURPOSE_TRAINING },
      ),
    );
    const events = calls.map((c) => scoredEvent(c));
    await h.publish(events);
    await h.settled(events);

    const res = await request(h.http).get('/api/v1/appraisal/months/2026-11').use(lead).expect(200);
    expect(res.body).toMatchObject({
      month: '2026-11',
      workingDays: 19,
      maxPlanPoints: 57,
      satisfactionWeight: 43,
      hasBest: true,
    });
    // 53 + 0.9 × 43 = 53 + 38.7 = 91.7 → 月度最佳员工
    expect(res.body.items).toEqual([
      expect.objectContaining({
        agentId: 'a-1',
        teamId: 't-1',
        planPoints: 53,
        plannedDays: 19,
        surveyed: 10,
        satisfied: 9,
        satisfactionRate: 0.9,
        satisfactionPoints: 38.7,
        score: 91.7,
        band: 'best',
        title: '月度最佳员工',
        previousBand: null,
        flagged: false,
      }),
    ]);
    const mine = await request(h.http)
      .get('/api/v1/appraisal/plans')
      .query({ month: '2026-11' })
      .use(agent)
      .expect(200);
    expect(mine.body.items).toHaveLength(19);
    expect(mine.body.items[0]).toMatchObject({
      agentId: 'a-1',
      date: '2026-11-04',
      points: 3,
      version: 1,
    });
  });
});
