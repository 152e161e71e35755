import {
  AllFacts,
  BucketSelector,
  CallbackFact,
  CallFact,
  ComplaintFact,
  componentsFromFacts,
  EvaluationFact,
  finalEvaluation,
  repeatedCallIds,
} from './kpi-facts';
import { kpiFractions, kpiValues } from './kpi-math';

const t = (iso: string) => Date.parse(iso);
// 2026-11-23 is a Monday; 09:00–18:00 Shanghai is 01:00–10:00Z.
const DAY: BucketSelector = {
  scope: 'tenant',
  id: 'acme',
  from: t('2026-11-22T16:00:00Z'),
  to: t('2026-11-23T16:00:00Z'),
};

const call = (over: Partial<CallFact> & { callId: string }): CallFact => ({
  agentId: 'a-1',
  teamId: 't-1',
  purpose: 'service',
  customerId: '',
  startedAt: t('2026-11-23T02:00:00Z'),
  answeredAt: t('2026-11-23T02:00:06Z'),
  endedAt: t('2026-11-23T02:03:06Z'),
  csat: null,
  relatedCallIds: [],
  ...over,
});

const evaluation = (over: Partial<EvaluationFact> & { evaluationId: string }): EvaluationFact => ({
  callId: 'c-1',
  agentId: 'a-1',
  teamId: 't-1',
  active: true,
  score: 80,
  threeRing: 'pass',
  forbiddenHits: 0,
  callStartedAt: t('2026-11-23T02:00:00Z'),
  scoredAt: t('2026-11-23T02:04:00Z'),
  reviewedScore: null,
  reviewedAt: null,
  ...over,
});

const complaint = (over: Partial<ComplaintFact> & { ticketId: string }): ComplaintFact => ({
  agentId: 'a-1',
  teamId: 't-1',
  repeat: false,
  openedAt: t('2026-11-23T01:00:00Z'),
  transitions: [],
  breachedAt: [],
  ...over,
});

const callback = (over: Partial<CallbackFact> & { ticketId: string }): CallbackFact => ({
  attempt: 1,
  agentId: 'a-1',
  teamId: 't-1',
  dueAt: t('2026-11-23T05:00:00Z'),
  doneAt: null,
  satisfaction: null,
  ...over,
});

const facts = (f: Partial<AllFacts>): AllFacts => ({
  calls: [],
  evaluations: [],
  complaints: [],
  callbacks: [],
  ...f,
});
const values = (f: Partial<AllFacts>, b: BucketSelector = DAY) =>
  kpiValues(componentsFromFacts(facts(f), b));

describe(componentsFromFacts.name, () => {
  it('has null for every ratio of an empty bucket, and zero counts', () => {
    const v = values({});
    expect(v.calls).toBe(0);
    expect(v.complaintsOpened).toBe(0);
    for (const k of [
      'qaScoreAvg',
      'gradeMix',
      'threeRingRate',
      'forbiddenPer100Calls',
      'complaintResolutionRate',
      'medianHoursToClose',
      'onTimeCallbackRate',
      'repeatComplaintRate',
      'fcrRate',
      'csatAvg',
      'callbackCsatAvg',
      'ahtSeconds',
    ] as const)
      expect(v[k]).toBeNull();
  });

  it('counts calls in the bucket, never training calls, and averages handle time and csat', () => {
    const v = values({
      calls: [
        call({ callId: 'c-1', csat: 5 }), // 180 s
        call({ callId: 'c-2', csat: 3, endedAt: t('2026-11-23T02:01:06Z') }), // 60 s
        call({ callId: 'c-3', answeredAt: null, endedAt: t('2026-11-23T02:00:30Z') }), // abandoned
        call({ callId: 'c-4', purpose: 'training', csat: 1 }),
        call({ callId: 'c-5', startedAt: t('2026-11-23T16:00:00Z') }), // next day
      ],
    });
    expect(v.calls).toBe(3);
    expect(v.ahtSeconds).toBe(120); // (180 + 60) / 2 answered
    expect(v.csatAvg).toBe(4); // (5 + 3) / 2 surveyed
  });

  it('abandonRate over inbound calls offered; unanswered calls stay out of agent performance', () => {
    const noAnswer = { answeredAt: null, disposition: 'no_answer' as const };
    const f = {
      calls: [
        call({ callId: 'c-1' }), // answered, 180 s
        call({ callId: 'c-2', answeredAt: null, endedAt: t('2026-11-23T02:00:30Z') }), // derived: abandoned after 30 s
        call({ callId: 'c-3', ...noAnswer, agentId: '', endedAt: t('2026-11-23T02:00:50Z') }), // 50 s, no agent
        call({ callId: 'c-4', disposition: 'busy' }), // never rang at an agent, answer time ignored
        call({ callId: 'c-5', answeredAt: null, disposition: 'failed' }),
        call({ callId: 'c-6', answeredAt: null, disposition: 'congestion' }),
        call({ callId: 'c-7', ...noAnswer, direction: 'outbound' }), // the customer did not pick up
        call({ callId: 'c-8', ...noAnswer, purpose: 'training' }),
        call({ callId: 'c-9', direction: 'inbound', disposition: 'answered' }), // 180 s
      ],
      evaluations: [
        evaluation({ evaluationId: 'e-1', callId: 'c-1', score: 90 }),
        // An older scoring scored the abandoned c-2: it counts in no agent figure.
        evaluation({ evaluationId: 'e-2', callId: 'c-2', score: 0, threeRing: 'fail' }),
      ],
    };
    const v = values(f);
    expect(v.calls).toBe(8); // c-8 is training
    expect(v.abandonRate).toBe(2 / 4); // c-2, c-3 over c-1, c-2, c-3, c-9
    expect(v.abandonedRingSecondsAvg).toBe(40); // (30 + 50) / 2
    expect(v.ahtSeconds).toBe(180); // c-1 and c-9; busy c-4 is not answered
    expect(v.qaScoreAvg).toBe(90);
    expect(v.gradeMix).toEqual({ best: 1, excellent: 0, good: 0, pass: 0, fail: 0 });
    expect(v.threeRingRate).toBe(1);
    expect(v.forbiddenPer100Calls).toBe(0);
    // At the agent's scope only the calls that rang at a-1: c-1, c-2, c-9 offered, c-2 abandoned.
    const agent = values(f, { ...DAY, scope: 'agent', id: 'a-1' });
    expect(agent.abandonRate).toBe(1 / 3);
    expect(agent.abandonedRingSecondsAvg).toBe(30);
    expect(agent.qaScoreAvg).toBe(90);
  });

  it('qaScoreAvg, gradeMix, threeRingRate and forbiddenPer100Calls over final evaluations', () => {
    const v = values({
      calls: [call({ callId: 'c-1' }), call({ callId: 'c-2' }), call({ callId: 'c-3' })],
      evaluations: [
        evaluation({ evaluationId: 'e-1', callId: 'c-1', score: 95, forbiddenHits: 2 }),
        evaluation({ evaluationId: 'e-2', callId: 'c-2', score: 64, threeRing: 'fail' }),
        evaluation({ evaluationId: 'e-3', callId: 'c-3', score: 75, threeRing: null }),
        evaluation({ evaluationId: 'e-4', callId: 'c-4', score: 10 }), // c-4 unknown: counts
      ],
    });
    expect(v.qaScoreAvg).toBe((95 + 64 + 75 + 10) / 4); // 61
    expect(v.gradeMix).toEqual({ best: 1, excellent: 0, good: 1, pass: 1, fail: 1 });
    expect(v.threeRingRate).toBe(2 / 3); // e-3 not applicable
    expect(v.forbiddenPer100Calls).toBe(50); // 2 hits × 100 / 4 evaluated
  });

  it('takes the reviewed score over the automatic one and leaves out training calls', () => {
    const v = values({
      calls: [call({ callId: 'c-1' }), call({ callId: 'c-2', purpose: 'training' })],
      evaluations: [
        evaluation({
          evaluationId: 'e-1',
          callId: 'c-1',
          score: 50,
          reviewedScore: 90,
          reviewedAt: 5,
        }),
        evaluation({ evaluationId: 'e-2', callId: 'c-2', score: 100 }),
      ],
    });
    expect(v.qaScoreAvg).toBe(90);
    expect(v.gradeMix).toEqual({ best: 1, excellent: 0, good: 0, pass: 0, fail: 0 });
  });

  it('complaintsOpened, complaintResolutionRate and repeatComplaintRate by opening time', () => {
    const tr = (version: number, to: string) => ({
      version,
      to,
      at: t('2026-11-23T03:00:00Z') + version,
    });
    const v = values({
      complaints: [
        complaint({ ticketId: 'k-1', transitions: [tr(1, 'accepted'), tr(2, 'resolved')] }),
        // Arrived out of order: the highest version says closed.
        complaint({
          ticketId: 'k-2',
          transitions: [tr(3, 'closed'), tr(1, 'accepted'), tr(2, 'resolved')],
        }),
        complaint({
          ticketId: 'k-3',
          repeat: true,
          transitions: [tr(1, 'resolved'), tr(2, 'reopened'), tr(3, 'resolved')],
        }),
        complaint({ ticketId: 'k-4', repeat: true }),
        complaint({ ticketId: 'k-5', openedAt: null, transitions: [tr(1, 'resolved')] }), // opening unknown
      ],
    });
    expect(v.complaintsOpened).toBe(4);
    expect(v.complaintResolutionRate).toBe(0.5); // k-1, k-2; k-3 was reopened, k-4 open
    expect(v.repeatComplaintRate).toBe(0.5);
  });

  it('medianHoursToClose in business hours, for complaints closed in the bucket', () => {
    const closed = (ticketId: string, openedAt: string, closedAt: string, hours?: number) =>
      complaint({
        ticketId,
        openedAt: t(openedAt),
        transitions: [{ version: 1, to: 'closed', at: t(closedAt), businessHoursOpen: hours }],
      });
    const week: BucketSelector = {
      ...DAY,
      from: t('2026-11-22T16:00:00Z'),
      to: t('2026-11-30T16:00:00Z'),
    };
    // Closing events without the figure: the default calendar, 09:00–12:00 and 13:30–18:00 (+08:00)
    // on working days.
    const v = values(
      {
        complaints: [
          closed('k-1', '2026-11-23T01:00:00Z', '2026-11-23T03:00:00Z'), // Mon 09–11: 2 h
          closed('k-2', '2026-11-23T09:00:00Z', '2026-11-24T02:00:00Z'), // Mon 17–18 + Tue 09–10: 2 h
          closed('k-3', '2026-11-27T09:00:00Z', '2026-11-30T02:00:00Z'), // Fri 17–18, weekend off, Mon 09–10: 2 h
          closed('k-4', '2026-11-23T01:00:00Z', '2026-11-25T10:00:00Z'), // Mon, Tue, Wed 09–18: 3 × 7.5 h
        ],
      },
      week,
    );
    expect(v.medianHoursToClose).toBe(2); // sorted 2, 2, 2, 22.5
    const lunch = values({
      complaints: [closed('k-1', '2026-11-23T01:00:00Z', '2026-11-23T04:30:00Z')], // 09:00–12:30: 3 h
    });
    expect(lunch.medianHoursToClose).toBe(3);
    // The closing event carries the hours by the tenant's own calendar (complaints settings): they win.
    const tenant = values({
      complaints: [
        closed('k-1', '2026-11-23T01:00:00Z', '2026-11-23T04:30:00Z', 3.5), // a 09:00–18:00 day
        closed('k-2', '2026-11-23T01:00:00Z', '2026-11-23T04:30:00Z', 0), // a tenant closed that day
        closed('k-3', '2026-11-23T01:00:00Z', '2026-11-23T04:30:00Z', 8),
      ],
    });
    expect(tenant.medianHoursToClose).toBe(3.5);
  });

  it('onTimeCallbackRate by due time, callback satisfaction by done time', () => {
    const v = values({
      callbacks: [
        callback({ ticketId: 'k-1', doneAt: t('2026-11-23T04:00:00Z'), satisfaction: 5 }),
        callback({ ticketId: 'k-2', doneAt: t('2026-11-23T06:00:00Z'), satisfaction: 2 }), // late
        callback({ ticketId: 'k-3' }), // not done yet
        callback({
          ticketId: 'k-4',
          dueAt: t('2026-11-25T05:00:00Z'),
          doneAt: t('2026-11-23T04:00:00Z'),
          satisfaction: 4,
        }),
      ],
    });
    expect(v.onTimeCallbackRate).toBe(1 / 3);
    expect(v.callbackCsatAvg).toBeCloseTo(11 / 3);
  });

  it('fcrRate: a call followed by a related call of the same customer within 7 days was not resolved first time', () => {
    const v = values({
      calls: [
        call({ callId: 'c-1', customerId: 'u-1' }),
        call({
          callId: 'c-2',
          customerId: 'u-1',
          startedAt: t('2026-11-25T02:00:00Z'),
          relatedCallIds: ['c-1'],
        }),
        call({ callId: 'c-3', customerId: 'u-2' }),
        call({
          callId: 'c-4',
          customerId: 'u-2',
          startedAt: t('2026-12-05T02:00:00Z'),
          relatedCallIds: ['c-3'],
        }), // 12 days
        call({ callId: 'c-5', customerId: 'u-3' }),
        call({
          callId: 'c-6',
          customerId: 'u-9',
          startedAt: t('2026-11-24T02:00:00Z'),
          relatedCallIds: ['c-5'],
        }), // other customer
      ],
    });
    expect(v.calls).toBe(3); // c-1, c-3, c-5 in the day
    expect(v.fcrRate).toBe(2 / 3);
  });

  it('counts SLA breaches when they happened and filters team and agent scopes', () => {
    const f = {
      complaints: [
        complaint({
          ticketId: 'k-1',
          breachedAt: [t('2026-11-23T05:00:00Z'), t('2026-11-24T05:00:00Z')],
        }),
        complaint({ ticketId: 'k-2', teamId: 't-2', agentId: 'a-2' }),
      ],
    };
    expect(values(f).slaBreaches).toBe(1);
    expect(values(f, { ...DAY, scope: 'team', id: 't-2' }).complaintsOpened).toBe(1);
    expect(values(f, { ...DAY, scope: 'agent', id: 'a-1' }).complaintsOpened).toBe(1);
    expect(values(f, { ...DAY, scope: 'agent', id: 'a-3' }).complaintsOpened).toBe(0);
  });
});

describe(finalEvaluation.name, () => {
  const e1 = evaluation({ evaluationId: 'e-1', scoredAt: 1 });
  const e2 = evaluation({ evaluationId: 'e-2', scoredAt: 2 });
  const trial = evaluation({ evaluationId: 'e-3', scoredAt: 3, active: false });
  const reviewed = { ...e1, reviewedScore: 70, reviewedAt: 9 };

  it('prefers a review, then the latest active version, in any order of arrival', () => {
    expect(finalEvaluation([e1, e2, trial])?.evaluationId).toBe('e-2');
    expect(finalEvaluation([trial, e2, e1])?.evaluationId).toBe('e-2');
    expect(finalEvaluation([e2, reviewed, trial])?.evaluationId).toBe('e-1');
  });

  it('keeps the first of evaluations carrying no active flag', () => {
    const old = [
      { ...e2, active: false },
      { ...e1, active: false },
    ];
    expect(finalEvaluation(old)?.evaluationId).toBe('e-1');
  });
});

describe(repeatedCallIds.name, () => {
  it('links by related call id, not by the order the calls came in', () => {
    const a = call({ callId: 'a' });
    const b = call({ callId: 'b', startedAt: a.startedAt + 1000, relatedCallIds: ['a'] });
    expect([...repeatedCallIds([b, a])]).toEqual(['a']);
  });
});

describe(kpiFractions.name, () => {
  it('gives the numerator and denominator behind each ratio', () => {
    const c = componentsFromFacts(
      facts({ calls: [call({ callId: 'c-1', csat: 5 }), call({ callId: 'c-2', csat: 3 })] }),
      DAY,
    );
    expect(kpiFractions(c)).toMatchObject({
      ahtSeconds: [360, 2],
      csatAvg: [8, 2],
      fcrRate: [2, 2],
      qaScoreAvg: [0, 0],
    });
  });
});
