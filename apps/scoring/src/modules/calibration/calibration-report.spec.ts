import type { Outcome, ScoringBasis } from '@qa/qa-rules';
import {
  calibrationFigures,
  CalibrationCall,
  checkSubmission,
  scoreOf,
  Submission,
  tendencyOf,
} from './calibration-report';

// Section s1 (weight 60): items a, b, 10 points each; s2 (weight 40): item m, 20 points.
const basis: ScoringBasis = {
  sections: [
    { id: 's1', name: '礼仪', weight: 60 },
    { id: 's2', name: '问题解决', weight: 40 },
  ],
  gradeBands: [{ min: 0, grade: 'x' }],
  items: [
    { itemId: 'a', sectionId: 's1', points: 10, critical: false },
    { itemId: 'b', sectionId: 's1', points: 10, critical: false },
    { itemId: 'm', sectionId: 's2', points: 20, critical: false },
  ],
};
const calls: CalibrationCall[] = [{ callId: 'c1', evaluationId: 'e1', basis }];
const P: Outcome = 'pass';
const F: Outcome = 'fail';
const NA: Outcome = 'not_applicable';
const sub = (a: Outcome, b: Outcome, m: Outcome): Submission => ({ c1: { a, b, m } });

describe(scoreOf.name, () => {
  it('scores outcomes with the engine’s aggregation', () => {
    expect(scoreOf(basis, { a: P, b: P, m: P })).toBe(100);
    expect(scoreOf(basis, { a: F, b: P, m: P })).toBe(70); // 60 × 10/20 + 40
    expect(scoreOf(basis, { a: NA, b: P, m: P })).toBe(100); // a left out of s1
    expect(scoreOf(basis, { a: P, b: P, m: F })).toBe(60);
  });
});

describe(calibrationFigures.name, () => {
  it('compares each evaluator with the expert, by score and by item', () => {
    const figures = calibrationFigures(
      calls,
      ['q1', 'q2'],
      'x',
      new Map([
        ['x', sub(P, F, P)], // 70
        ['q1', sub(F, F, P)], // 40: stricter on a
        ['q2', sub(P, P, NA)], // s1 60, s2 n/a → 100: lenient on b, m pass→na
      ]),
    );
    expect(figures.benchmark).toEqual([{ callId: 'c1', score: 70 }]);
    expect(figures.items).toEqual([
      { itemId: 'a', answers: 2, agreeing: 1, agreement: 0.5 },
      { itemId: 'b', answers: 2, agreeing: 1, agreement: 0.5 },
      { itemId: 'm', answers: 2, agreeing: 1, agreement: 0.5 },
    ]);
    const [q1, q2] = figures.evaluators;
    expect(q1).toMatchObject({
      evaluator: 'q1',
      scores: [{ callId: 'c1', score: 40, benchmark: 70, deviation: -30 }],
      deviation: -30,
      absoluteDeviation: 30,
      itemAgreement: 0.6667,
      tendency: 'strict',
    });
    expect(q1.items[0]).toEqual({
      itemId: 'a',
      agreeing: 0,
      disagreeing: 1,
      stricter: 1,
      lenient: 0,
    });
    expect(q2).toMatchObject({ deviation: 30, tendency: 'lenient', itemAgreement: 0.3333 });
    expect(q2.items.map((i) => [i.itemId, i.stricter, i.lenient, i.disagreeing])).toEqual([
      ['a', 0, 0, 0],
      ['b', 0, 1, 1],
      ['m', 0, 0, 1],
    ]);
  });
});

describe(tendencyOf.name, () => {
  it('calls ±5 points and beyond strict or lenient', () => {
    expect([-5, -4.99, 0, 4.99, 5].map(tendencyOf)).toEqual([
      'strict',
      'aligned',
      'aligned',
      'aligned',
      'lenient',
    ]);
  });
});

describe(checkSubmission.name, () => {
  it('names every missing, unknown or repeated call and item', () => {
    const two: CalibrationCall[] = [...calls, { callId: 'c2', evaluationId: 'e2', basis }];
    expect(
      checkSubmission(two, [
        {
          callId: 'c1',
          items: [
            { itemId: 'a', outcome: P },
            { itemId: 'a', outcome: F },
            { itemId: 'z', outcome: P },
          ],
        },
        { callId: 'c9', items: [] },
      ]),
    ).toEqual([
      { path: 'scores.0.items.1.itemId', message: 'item a is answered twice' },
      { path: 'scores.0.items.2.itemId', message: 'unknown item z' },
      { path: 'scores.0.items', message: 'every item needs an outcome; missing b, m' },
      { path: 'scores.1.callId', message: 'call c9 is not in this session' },
      { path: 'scores', message: 'every call needs scores; missing c2' },
    ]);
    expect(
      checkSubmission(calls, [
        { callId: 'c1', items: ['a', 'b', 'm'].map((itemId) => ({ itemId, outcome: P })) },
      ]),
    ).toEqual([]);
  });
});
