import { randomUUID } from 'node:crypto';
import { CallPurpose, ComplaintOpened, ComplaintTransitioned, Topics } from '@qa/contracts';
import { asIdentity } from '@qa/testing';
import request from 'supertest';
import { CoachingHarness, scored, scoredEvent } from './coaching-support';
import { sent } from './kpi-support';

/**
 * Issue 19 item 3 through the coaching service: a programme and its effect — each trainee's and
 * the cohort's figures 30 days before and after, from the evaluation and complaint events coaching
 * keeps (training calls apart), against seed 001's targets.
 */
describe('training programme effect (coaching)', () => {
  const h = new CoachingHarness();
  const tenantId = `tp-${randomUUID().slice(0, 8)}`;
  const lead = asIdentity({ tenantId, role: 'lead', username: 'lead-1' });
  // Asia/Shanghai days: the programme runs 12–16 October 2026.
  const at = (date: string) => `${date}T02:00:00Z`;

  const opened = (ticketId: string, date: string, repeat: boolean): ComplaintOpened => ({
    ticketId,
    tenantId,
    callId: '',
    agentId: 'a-1',
    teamId: 't-1',
    customerId: 'k-1',
    category: 'billing',
    repeat,
    openedAt: at(date),
    dueAt: '',
  });
  const moved = (
    ticketId: string,
    version: number,
    toStatus: string,
    date: string,
  ): ComplaintTransitioned => ({
    ticketId,
    tenantId,
    fromStatus: '',
    toStatus,
    actorId: 'lead-1',
    reason: '',
    version,
    at: at(date),
    teamId: 't-1',
    agentId: 'a-1',
    category: 'billing',
    rootCause: '',
  });

  beforeAll(() => h.start());
  afterAll(() => h.stop());

  it('reports before and after against the targets', async () => {
    const bad = await request(h.http)
      .post('/api/v1/training/programmes')
      .use(lead)
      .send({
        name: 'x',
        modules: [],
        startDate: '2026-10-16',
        endDate: '2026-10-12',
        trainees: ['a-1'],
      })
      .expect(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['endDate']);
    const { body: p } = await request(h.http)
      .post('/api/v1/training/programmes')
      .use(lead)
      .send({
        name: '2026 秋季服务礼仪强化',
        modules: [
          { name: '电话礼仪', hours: 4 },
          { name: '投诉处理六步法', hours: 6 },
        ],
        startDate: '2026-10-12',
        endDate: '2026-10-16',
        trainees: ['a-1', 'a-2'],
        attendance: { 'a-1': 1 },
      })
      .expect(201);
    const listed = await request(h.http).get('/api/v1/training/programmes').use(lead).expect(200);
    expect(listed.body.items.map((x: { id: string }) => x.id)).toEqual([p.id]);

    const evals = [
      // before (12 Sep – 11 Oct): 80 and 84 → 82 (4.1 of 5), one forbidden phrase each
      scored(tenantId, 'a-1', at('2026-09-20'), {}, { score: 80, forbiddenPhraseCount: 1 }),
      scored(tenantId, 'a-1', at('2026-10-01'), {}, { score: 84, forbiddenPhraseCount: 1 }),
      scored(tenantId, 'a-1', at('2026-10-13'), {}, { score: 50 }), // during the programme: counts nowhere
      // after (17 Oct – 15 Nov): 96 and 98 → 97 (4.85), a role play scored 90
      scored(tenantId, 'a-1', at('2026-10-20'), {}, { score: 96 }),
      scored(tenantId, 'a-1', at('2026-11-02'), {}, { score: 98 }),
      scored(
        tenantId,
        'a-1',
        at('2026-11-03'),
        {},
        { score: 90, callPurpose: CallPurpose.CALL_PURPOSE_TRAINING },
      ),
    ];
    const complaints = [
      // before: four complaints, two repeats, two resolved (one of them reopened: not clean)
      sent(Topics.ComplaintOpened, 'k1', opened('k1', '2026-09-15', false), tenantId),
      sent(Topics.ComplaintOpened, 'k2', opened('k2', '2026-09-16', true), tenantId),
      sent(Topics.ComplaintOpened, 'k3', opened('k3', '2026-09-17', true), tenantId),
      sent(Topics.ComplaintOpened, 'k4', opened('k4', '2026-09-18', false), tenantId),
      sent(Topics.ComplaintTransitioned, 'k1', moved('k1', 2, 'resolved', '2026-09-16'), tenantId),
      sent(Topics.ComplaintTransitioned, 'k2', moved('k2', 2, 'closed', '2026-09-18'), tenantId),
      sent(Topics.ComplaintTransitioned, 'k3', moved('k3', 2, 'resolved', '2026-09-18'), tenantId),
      sent(Topics.ComplaintTransitioned, 'k3', moved('k3', 3, 'reopened', '2026-09-19'), tenantId),
      sent(Topics.ComplaintTransitioned, 'k3', moved('k3', 4, 'resolved', '2026-09-20'), tenantId),
      // after: one complaint, resolved, not a repeat
      sent(Topics.ComplaintOpened, 'k5', opened('k5', '2026-10-25', false), tenantId),
      sent(Topics.ComplaintTransitioned, 'k5', moved('k5', 2, 'closed', '2026-10-27'), tenantId),
    ];
    const events = [...evals.map((e) => scoredEvent(e)), ...complaints];
    await h.publish(events);
    await h.settled(events);

    const { body: r } = await request(h.http)
      .get(`/api/v1/training/programmes/${p.id}/effect`)
      .use(lead)
      .expect(200);
    expect(r.windows).toEqual({
      before: { from: '2026-09-12', to: '2026-10-12' },
      after: { from: '2026-10-17', to: '2026-11-16' },
    });
    expect(r.complete).toBe(true);
    const [a1, a2] = r.trainees;
    expect(a1).toMatchObject({
      agentId: 'a-1',
      attendance: 1,
      before: {
        calls: 2,
        qaScoreAvg: 82,
        behaviourScore: 4.1,
        forbiddenPer100Calls: 100,
        complaintsOpened: 4,
        complaintResolutionRate: 0.5,
        repeatComplaintRate: 0.5,
        trainingCalls: 0,
      },
      after: {
        calls: 2,
        qaScoreAvg: 97,
        behaviourScore: 4.85,
        forbiddenPer100Calls: 0,
        complaintsOpened: 1,
        complaintResolutionRate: 1,
        repeatComplaintRate: 0,
        trainingCalls: 1,
        trainingCallScoreAvg: 90,
      },
      onTarget: { complaintResolution: true, repeatComplaints: true, behaviourScore: true },
    });
    expect(a1.sources.evaluationsAfter).toContain(
      '/api/v1/evaluations?agentId=a-1&from=2026-10-16T16:00:00.000Z',
    );
    expect(a2).toMatchObject({
      agentId: 'a-2',
      attendance: null,
      before: { calls: 0, qaScoreAvg: null },
    });
    expect(r.cohort.after.qaScoreAvg).toBe(97);
    expect(r.targets.complaintResolutionRate).toBe(0.92);
  });
});
