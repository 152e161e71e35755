import { agreementOf, agreementReport, DecisionCount, DecisionOutcome, kappaOf } from './agreement';

const rows = (
  spec: [engine: DecisionOutcome, human: DecisionOutcome, count: number][],
  ruleId = 'r',
  week = '2026-11-16',
): DecisionCount[] =>
  spec.map(([engine, human, count]) => ({ ruleId, week, engine, human, count }));

describe(agreementOf.name, () => {
  it('computes the figures of a textbook table by hand', () => {
    // engine\human  pass fail
    //   pass          20    5
    //   fail          10   15       n = 50
    // pₒ = 35/50 = 0.7; engine pass 25/50 = 0.5, human pass 30/50 = 0.6
    // pₑ = 0.5 × 0.6 + 0.5 × 0.4 = 0.5; κ = (0.7 − 0.5)/(1 − 0.5) = 0.4
    // precision of fails = 15 / (10 + 15) = 0.6
    expect(
      agreementOf(
        'r',
        rows([
          ['pass', 'pass', 20],
          ['pass', 'fail', 5],
          ['fail', 'pass', 10],
          ['fail', 'fail', 15],
        ]),
      ),
    ).toEqual({
      ruleId: 'r',
      reviewed: 50,
      confirmed: 35,
      overridden: 15,
      precisionOfFails: 0.6,
      kappa: 0.4,
    });
  });

  it('counts na in reviewed and confirmed, leaves it out of kappa, and an engine fail turned na is not kept', () => {
    // pass/pass 3, fail/fail 1, fail/na 1, na/na 2, na/fail 1.
    // reviewed 8; confirmed 3 + 1 + 2 = 6; precision = 1 fail kept of 2 engine fails = 0.5.
    // Kappa on pass/fail only: [[3,0],[0,1]], pₒ = 1, pₑ = 0.75² + 0.25² = 0.625 → κ = 1.
    expect(
      agreementOf(
        'r',
        rows([
          ['pass', 'pass', 3],
          ['fail', 'fail', 1],
          ['fail', 'na', 1],
          ['na', 'na', 2],
          ['na', 'fail', 1],
        ]),
      ),
    ).toEqual({
      ruleId: 'r',
      reviewed: 8,
      confirmed: 6,
      overridden: 2,
      precisionOfFails: 0.5,
      kappa: 1,
    });
  });

  it('answers null, never NaN, for empty denominators', () => {
    // Only passes, all confirmed: no engine fail, chance agreement 1.
    expect(agreementOf('r', rows([['pass', 'pass', 4]]))).toMatchObject({
      precisionOfFails: null,
      kappa: null,
    });
    // Only na: nothing to compare.
    expect(agreementOf('r', rows([['na', 'na', 2]]))).toMatchObject({
      reviewed: 2,
      confirmed: 2,
      precisionOfFails: null,
      kappa: null,
    });
    expect(agreementOf('r', [])).toEqual({
      ruleId: 'r',
      reviewed: 0,
      confirmed: 0,
      overridden: 0,
      precisionOfFails: null,
      kappa: null,
    });
  });

  it('gives a negative kappa when people reverse the engine systematically', () => {
    // [[0,3],[3,0]]: pₒ = 0, pₑ = 0.5 → κ = −1; every fail reversed → precision 0.
    expect(
      agreementOf(
        'r',
        rows([
          ['pass', 'fail', 3],
          ['fail', 'pass', 3],
        ]),
      ),
    ).toMatchObject({ confirmed: 0, overridden: 6, precisionOfFails: 0, kappa: -1 });
  });
});

describe(kappaOf.name, () => {
  it('answers 0, not -0, when agreement is exactly chance but floats land a hair below', () => {
    // [[0,0],[1,2]]: pₒ 2/3, engine pass 0, human pass 1/3 → pₑ = 2/3 → κ = 0 (float: −3e−16).
    expect(
      Object.is(
        kappaOf([
          [0, 0],
          [1, 2],
        ]),
        0,
      ),
    ).toBe(true);
  });

  it('rounds to four places', () => {
    // [[10,2],[3,5]]: n 20, pₒ 0.75, e 0.6, h 0.65 → pₑ 0.39 + 0.14 = 0.53, κ = 0.22/0.47.
    expect(
      kappaOf([
        [10, 2],
        [3, 5],
      ]),
    ).toBe(0.4681);
  });
});

describe(agreementReport.name, () => {
  it('groups by rule and by week, both sorted', () => {
    const report = agreementReport([
      ...rows([['fail', 'fail', 2]], 'b', '2026-11-23'),
      ...rows([['fail', 'pass', 2]], 'b', '2026-11-16'),
      ...rows([['pass', 'pass', 1]], 'a', '2026-11-23'),
    ]);
    expect(report.items.map((i) => [i.ruleId, i.reviewed, i.precisionOfFails])).toEqual([
      ['a', 1, null],
      ['b', 4, 0.5],
    ]);
    expect(
      report.byWeek.map((w) => [w.week, w.items.map((i) => [i.ruleId, i.precisionOfFails])]),
    ).toEqual([
      ['2026-11-16', [['b', 0]]],
      [
        '2026-11-23',
        [
          ['a', null],
          ['b', 1],
        ],
      ],
    ]);
  });
});
