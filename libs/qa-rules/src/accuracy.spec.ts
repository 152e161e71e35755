import { COMPANY, LABELLED_CORPUS } from '../test/fixtures/labelled-corpus';
import { evaluateCall } from './evaluate-call';
import { getCompiledScorecard } from './scorecard/compile-scorecard';
import { defaultScorecard } from './scorecard/default-scorecard';
import { RULE_IDS } from './rules/rule-registry';

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  exact: number;
  n: number;
}

/** Precision and recall per rule on the hand-labelled corpus ('fail' is the positive class). */
describe('engine accuracy on the labelled corpus', () => {
  const compiled = getCompiledScorecard(defaultScorecard());
  const tallies = new Map<string, Tally>();
  const misses: string[] = [];
  for (const { id, call, expect: expected } of LABELLED_CORPUS) {
    const result = evaluateCall(compiled, call, { companyName: COMPANY, secondsPerRing: 3 });
    for (const [ruleId, want] of Object.entries(expected)) {
      const got = result.findings.find((f) => f.ruleId === ruleId)?.outcome;
      const t = tallies.get(ruleId) ?? { tp: 0, fp: 0, fn: 0, exact: 0, n: 0 };
      t.n++;
      if (got === want) t.exact++;
      else misses.push(`${id} ${ruleId}: expected ${want}, got ${got}`);
      if (want === 'fail' && got === 'fail') t.tp++;
      if (want !== 'fail' && got === 'fail') t.fp++;
      if (want === 'fail' && got !== 'fail') t.fn++;
      tallies.set(ruleId, t);
    }
  }
  const rows = [...tallies].map(([rule, t]) => ({
    rule,
    cases: t.n,
    precision: t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp),
    recall: t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn),
    exact: t.exact / t.n,
  }));

  it('has at least 80 calls and labels for every default rule', () => {
    expect(LABELLED_CORPUS.length).toBeGreaterThanOrEqual(80);
    const labelled = new Set(tallies.keys());
    expect(RULE_IDS.filter((r) => r !== 'custom.phrase' && !labelled.has(r))).toEqual([]);
  });

  it('reaches precision and recall ≥ 0.95 for every rule, and the exact outcome (pass vs n/a)', () => {
    console.log(
      ['rule                              cases  precision  recall  exact']
        .concat(
          rows.map(
            (r) =>
              `${r.rule.padEnd(34)}${String(r.cases).padStart(5)}  ${r.precision.toFixed(3).padStart(9)}  ${r.recall.toFixed(3).padStart(6)}  ${r.exact.toFixed(3)}`,
          ),
        )
        .concat(misses.length ? ['misses:', ...misses] : [])
        .join('\n'),
    );
    for (const r of rows) {
      expect({
        rule: r.rule,
        precisionOk: r.precision >= 0.95,
        recallOk: r.recall >= 0.95,
        exactOk: r.exact >= 0.95,
      }).toEqual({
        rule: r.rule,
        precisionOk: true,
        recallOk: true,
        exactOk: true,
      });
    }
  });
});
