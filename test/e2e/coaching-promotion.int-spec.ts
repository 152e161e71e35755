import { randomUUID } from 'node:crypto';
import { CallPurpose } from '@qa/contracts';
import { asIdentity } from '@qa/testing';
import request from 'supertest';
import { CoachingHarness, scored, scoredEvent } from './coaching-support';

/**
 * Issue 19 item 5 through the coaching service: a round's weights must sum to 100 (400 naming
 * "weights"); the ranking shows every input, its source and weight, takes the training-call score
 * and CSAT from the evaluations coaching keeps and the bands from the monthly appraisal; CSV export.
 */
describe('internal promotion round (coaching)', () => {
  const h = new CoachingHarness();
  const tenantId = `pr-${randomUUID().slice(0, 8)}`;
  const lead = asIdentity({ tenantId, role: 'lead', username: 'lead-1' });
  const weights = {
    writtenTest: 30,
    trainingCallScore: 25,
    csat: 20,
    attendance: 10,
    kpiAttainment: 15,
  };
  const round = (w: Record<string, number>) => ({
    name: '2026 Q4 客服主管竞聘',
    period: { from: '2026-11', to: '2026-11' },
    eligibility: { minGrade: 2, consecutiveMonths: 1, minBand: 'fail', noMajorIncident: true },
    weights: w,
  });

  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('ranks candidates with every input visible, and exports CSV', async () => {
    const bad = await request(h.http)
      .post('/api/v1/promotion/rounds')
      .use(lead)
      .send(round({ ...weights, csat: 25 }))
      .expect(400);
    expect(bad.body.errors).toEqual([
      { path: 'weights', message: 'the weights must sum to 100 (they sum to 105)' },
    ]);
    const { body: r } = await request(h.http)
      .post('/api/v1/promotion/rounds')
      .use(lead)
      .send(round(weights))
      .expect(201);

    // a-1: two training calls (80, 90 → 85) and two surveyed production calls (5, 4 → 4.5).
    const at = (d: number) => `2026-11-${String(d).padStart(2, '0')}T02:00:00Z`;
    const calls = [
      scored(
        tenantId,
        'a-1',
        at(10),
        {},
        { score: 80, callPurpose: CallPurpose.CALL_PURPOSE_TRAINING },
      ),
      scored(
        tenantId,
        'a-1',
        at(11),
        {},
        { score: 90, callPurpose: CallPurpose.CALL_PURPOSE_TRAINING },
      ),
      scored(tenantId, 'a-1', at(12), {}, { csat: 5 }),
      scored(tenantId, 'a-1', at(13), {}, { csat: 4 }),
    ];
    const events = calls.map((c) => scoredEvent(c));
    await h.publish(events);
    await h.settled(events);
    for (const [agentId, body] of [
      [
        'a-1',
        { grade: 2, writtenTest: 80, attendance: 1, kpiAttainment: 95, majorIncident: false },
      ],
      [
        'a-2',
        { grade: 3, writtenTest: 99, attendance: 1, kpiAttainment: 100, majorIncident: false },
      ],
    ] as const)
      await request(h.http)
        .put(`/api/v1/promotion/rounds/${r.id}/candidates/${agentId}`)
        .use(lead)
        .send(body)
        .expect(200);

    const { body: ranking } = await request(h.http)
      .get(`/api/v1/promotion/rounds/${r.id}/ranking`)
      .use(lead)
      .expect(200);
    const [a1, a2] = ranking.items;
    // 80×.30 + 85×.25 + 90×.20 + 100×.10 + 95×.15 = 24 + 21.25 + 18 + 10 + 14.25 = 87.5
    expect(a1).toMatchObject({
      rank: 1,
      agentId: 'a-1',
      eligible: true,
      total: 87.5,
      trainingCalls: 2,
      surveyed: 2,
    });
    expect(a1.factors.trainingCallScore).toEqual({
      raw: 85,
      points: 85,
      weight: 25,
      weighted: 21.25,
    });
    expect(a1.factors.csat).toEqual({ raw: 4.5, points: 90, weight: 20, weighted: 18 });
    expect(a1.bands).toEqual([expect.any(String)]);
    // a-2 has no appraisal in November: not eligible, and says why.
    expect(a2).toMatchObject({ rank: null, agentId: 'a-2', eligible: false, bands: [null] });
    expect(a2.reasons[0]).toMatch(/last 1 appraisals/);
    expect(ranking.sources.trainingCallScore).toMatch(/training calls/);

    const csv = await request(h.http)
      .get(`/api/v1/promotion/rounds/${r.id}/ranking`)
      .query({ format: 'csv' })
      .use(lead)
      .expect(200)
      .expect('content-type', /text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^1,a-1,true,/);
    expect(lines[1].endsWith(',87.5')).toBe(true);
  });
});
