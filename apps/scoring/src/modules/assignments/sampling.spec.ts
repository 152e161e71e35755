import {
  Counter,
  decideSampling,
  itemsNeedingHumanReview,
  PolicyState,
  SamplingCandidate,
  SamplingPolicyConfig,
} from './sampling';
import { periodStart } from './sampling-period';

const NOW = new Date('2026-11-23T00:00:00Z');

const policy = (over: Partial<SamplingPolicyConfig> = {}, id = 'p1'): PolicyState => ({
  id,
  tenantId: 't',
  nextReviewer: 0,
  config: {
    share: 0,
    period: 'week',
    minimumPerAgent: 0,
    criticalFail: true,
    complaints: true,
    needsHumanReview: true,
    reviewers: ['q1', 'q2'],
    dueHours: 48,
    timezone: 'UTC',
    ...over,
  },
});

const call = (n: number, over: Partial<SamplingCandidate> = {}): SamplingCandidate => ({
  evaluationId: `e${n}`,
  tenantId: 't',
  callId: `c${String(n).padStart(3, '0')}`,
  agentId: 'a1',
  callStartedAt: new Date(Date.UTC(2026, 10, 23, 1, n)),
  criticalFailed: false,
  complaint: false,
  needsHumanReview: false,
  ...over,
});

const calls = (n: number, over: Partial<SamplingCandidate> = {}) =>
  Array.from({ length: n }, (_, i) => call(i + 1, over));

const decide = (
  cs: SamplingCandidate[],
  ps: PolicyState[],
  counters = new Map<string, Counter>(),
) => decideSampling(cs, new Map([['t', ps]]), counters, NOW);

describe(decideSampling.name, () => {
  it('samples every critical fail, complaint and flagged call and nothing else at share 0', () => {
    const got = decide(
      [
        call(1),
        call(2, { criticalFailed: true }),
        call(3, { complaint: true }),
        call(4, { needsHumanReview: true }),
        call(5, { complaint: true, criticalFailed: true }),
      ],
      [policy()],
    );
    expect(got.map((d) => [d.callId, d.reasons])).toEqual([
      ['c002', ['critical_fail']],
      ['c003', ['complaint']],
      ['c004', ['needs_human_review']],
      ['c005', ['critical_fail', 'complaint']],
    ]);
  });

  it('ignores the reasons a policy switches off', () => {
    const got = decide(
      [
        call(1, { criticalFailed: true }),
        call(2, { complaint: true }),
        call(3, { needsHumanReview: true }),
      ],
      [policy({ criticalFail: false, complaints: false, needsHumanReview: false })],
    );
    expect(got).toEqual([]);
  });

  it('samples exactly floor(n × share) of an agent’s calls, systematically', () => {
    const got = decide(calls(10), [policy({ share: 0.25 })]);
    // k = 4 and 8: floor(4 × 0.25) = 1, floor(8 × 0.25) = 2.
    expect(got.map((d) => d.callId)).toEqual(['c004', 'c008']);
    expect(decide(calls(100), [policy({ share: 0.57 })])).toHaveLength(57);
  });

  it('tops up to the minimum per agent with the first calls of the period', () => {
    const counters = new Map<string, Counter>();
    const got = decide(calls(10), [policy({ share: 0.25, minimumPerAgent: 3 })], counters);
    // 1, 2, 3 by the minimum; 4 and 8 by the share.
    expect(got.map((d) => [d.callId, d.reasons])).toEqual([
      ['c001', ['minimum']],
      ['c002', ['minimum']],
      ['c003', ['minimum']],
      ['c004', ['share']],
      ['c008', ['share']],
    ]);
    expect([...counters.values()]).toEqual([{ seen: 10, sampled: 5 }]);
  });

  it('counts other reasons towards the minimum', () => {
    const got = decide(
      [call(1, { complaint: true }), call(2), call(3)],
      [policy({ minimumPerAgent: 2 })],
    );
    expect(got.map((d) => [d.callId, d.reasons])).toEqual([
      ['c001', ['complaint']],
      ['c002', ['minimum']],
    ]);
  });

  it('keeps counting across chunks through the counters, and per agent and period', () => {
    const counters = new Map<string, Counter>();
    const p = [policy({ share: 0.5, period: 'day' })];
    expect(decide(calls(3), p, counters).map((d) => d.callId)).toEqual(['c002']);
    expect(decide([call(4), call(5)], p, counters).map((d) => d.callId)).toEqual(['c004']);
    // Another agent and another day start from zero.
    expect(decide([call(6, { agentId: 'a2' })], p, counters)).toEqual([]);
    const nextDay = call(7, { callStartedAt: new Date('2026-11-24T01:00:00Z') });
    expect(decide([nextDay], p, counters)).toEqual([]);
    expect(counters.size).toBe(3);
  });

  it('takes calls in start order whatever order they come in', () => {
    const p = () => [policy({ share: 0.5 })];
    const forward = decide(calls(6), p()).map((d) => d.callId);
    const backward = decide(calls(6).reverse(), p()).map((d) => d.callId);
    expect(backward).toEqual(forward);
  });

  it('assigns round-robin with the due date dueHours after now', () => {
    const p = policy({ share: 1, reviewers: ['q1', 'q2', 'q3'], dueHours: 24 });
    p.nextReviewer = 1;
    const got = decide(calls(4), [p]);
    expect(got.map((d) => d.assignee)).toEqual(['q2', 'q3', 'q1', 'q2']);
    expect(got[0].dueAt.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(p.nextReviewer).toBe(5);
  });

  it('lets the first matching policy assign and gathers every policy’s reasons', () => {
    const a = policy({ criticalFail: false, complaints: false, reviewers: ['qa-a'] }, 'pa');
    const b = policy({ reviewers: ['qa-b'] }, 'pb');
    const got = decide([call(1, { complaint: true, needsHumanReview: true })], [a, b]);
    expect(got).toMatchObject([
      { policyId: 'pa', assignee: 'qa-a', reasons: ['complaint', 'needs_human_review'] },
    ]);
    expect(a.nextReviewer).toBe(1);
    expect(b.nextReviewer).toBe(0);
  });

  it('samples nothing for a tenant without policies', () => {
    expect(decideSampling(calls(3, { criticalFailed: true }), new Map(), new Map(), NOW)).toEqual(
      [],
    );
  });
});

describe(periodStart.name, () => {
  const at = new Date('2026-11-22T17:30:00Z'); // Monday 01:30 in Shanghai, Sunday in UTC
  it('finds the local day, ISO week and month', () => {
    expect(periodStart(at, 'day', 'UTC')).toBe('2026-11-22');
    expect(periodStart(at, 'day', 'Asia/Shanghai')).toBe('2026-11-23');
    expect(periodStart(at, 'week', 'UTC')).toBe('2026-11-16');
    expect(periodStart(at, 'week', 'Asia/Shanghai')).toBe('2026-11-23');
    expect(periodStart(new Date('2026-11-30T16:30:00Z'), 'month', 'Asia/Shanghai')).toBe(
      '2026-12-01',
    );
  });
});

describe(itemsNeedingHumanReview.name, () => {
  it('reads the flag on the item or in its params, and survives odd definitions', () => {
    expect([
      ...itemsNeedingHumanReview({
        items: [
          { id: 'i1', needsHumanReview: true },
          { id: 'i2', params: { needsHumanReview: true } },
          { id: 'i3', needsHumanReview: 'yes' },
          null,
          { needsHumanReview: true },
        ],
      }),
    ]).toEqual(['i1', 'i2']);
    expect(itemsNeedingHumanReview(null).size).toBe(0);
    expect(itemsNeedingHumanReview({ items: 'x' }).size).toBe(0);
  });
});
