import { effectWindows, EvaluationFact, figures, verdict } from './training-effect';

const ev = (score: number, forbiddenHits = 0, training = false): EvaluationFact => ({
  agentId: 'a-1',
  score,
  forbiddenHits,
  training,
});
const complaint = (resolved: boolean, repeat = false) => ({ agentId: 'a-1', resolved, repeat });

describe(figures.name, () => {
  it('computes every figure from the facts (hand-computed)', () => {
    const f = figures(
      [ev(80, 1), ev(90, 0), ev(88, 2), ev(60, 5, true)],
      [complaint(true), complaint(true, true), complaint(false), complaint(true)],
    );
    expect(f).toEqual({
      calls: 3,
      qaScoreAvg: 86, // (80 + 90 + 88) / 3
      behaviourScore: 4.3, // 86 / 20
      forbiddenPer100Calls: 100, // 3 hits × 100 / 3 calls
      complaintsOpened: 4,
      complaintResolutionRate: 0.75,
      repeatComplaintRate: 0.25,
      trainingCalls: 1,
      trainingCallScoreAvg: 60,
    });
  });

  it('says null where there is nothing to average', () => {
    const f = figures([], []);
    expect([f.qaScoreAvg, f.complaintResolutionRate, f.trainingCallScoreAvg]).toEqual([
      null,
      null,
      null,
    ]);
  });
});

describe(verdict.name, () => {
  it("holds the after-figures against seed 001's targets", () => {
    const before = figures([ev(84)], [complaint(true, true), complaint(false, false)]); // repeat 50%
    const after = figures(
      [ev(97)],
      [...Array(12)].map((_, i) => complaint(i < 11, i === 0)),
    ); // 11/12, 1/12 repeat
    // 11/12 = 0.9167 < 0.92; repeat 0.0833 ≤ 0.5 × 0.65 = 0.325; 97/20 = 4.85 ≥ 4.8
    expect(verdict(before, after)).toEqual({
      complaintResolution: false,
      repeatComplaints: true,
      behaviourScore: true,
    });
    expect(verdict(figures([], []), figures([], [])).repeatComplaints).toBeNull();
  });
});

describe(effectWindows.name, () => {
  it('takes 30 days before the first day and 30 days after the last', () => {
    expect(effectWindows('2026-10-12', '2026-10-16')).toEqual({
      before: { from: '2026-09-12', to: '2026-10-12' },
      after: { from: '2026-10-17', to: '2026-11-16' },
    });
  });
});
