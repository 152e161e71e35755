import { beforeAfter, failingEvidence, passRate, WindowEntry } from './coaching-trigger';

const entry = (i: number, outcome: WindowEntry['outcome']): WindowEntry => ({
  evaluationId: `e-${i}`,
  callId: `c-${i}`,
  callStartedAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(),
  outcome,
  evidence: outcome === 'fail' ? [{ segment: 0, start: 0, end: 3, text: '不知道' }] : [],
});

describe(failingEvidence.name, () => {
  const t = { failures: 3, window: 10 };

  it('quotes the fails once there are N of them in the last M', () => {
    const newestFirst = [entry(5, 'fail'), entry(4, 'pass'), entry(3, 'fail'), entry(2, 'fail')];
    expect(failingEvidence(newestFirst, t).map((e) => e.evaluationId)).toEqual([
      'e-5',
      'e-3',
      'e-2',
    ]);
  });

  it('asks for nothing below N', () => {
    expect(failingEvidence([entry(2, 'fail'), entry(1, 'fail'), entry(0, null)], t)).toEqual([]);
  });

  it('counts only the last M evaluations', () => {
    const newestFirst = [
      entry(3, 'fail'),
      entry(2, 'pass'),
      entry(1, 'fail'),
      entry(0, 'fail'), // the 4th newest: outside a window of 3
    ];
    expect(failingEvidence(newestFirst, { failures: 3, window: 3 })).toEqual([]);
    expect(failingEvidence(newestFirst, { failures: 3, window: 4 })).toHaveLength(3);
  });
});

describe(passRate.name, () => {
  it('counts pass and fail only', () => {
    expect(
      passRate([entry(0, 'pass'), entry(1, 'fail'), entry(2, 'not_applicable'), entry(3, null)]),
    ).toEqual({
      passed: 1,
      applicable: 2,
      rate: 0.5,
      from: entry(0, 'pass').callStartedAt,
      to: entry(1, 'fail').callStartedAt,
    });
    expect(passRate([]).rate).toBeNull();
  });
});

describe(beforeAfter.name, () => {
  it('splits at the pivot: the last M applicable before, everything after', () => {
    const all = [0, 1, 2, 3].map((i) => entry(i, i % 2 ? 'fail' : 'pass'));
    all.push(entry(10, 'pass'), entry(11, 'pass'), entry(12, 'fail'));
    const { before, after } = beforeAfter(all, entry(5, null).callStartedAt, 3);
    // before: e-3 fail, e-2 pass, e-1 fail (e-0 is outside the last 3)
    expect([before.passed, before.applicable]).toEqual([1, 3]);
    expect([after.passed, after.applicable]).toEqual([2, 3]);
    expect(after.rate).toBeCloseTo(2 / 3);
  });
});
