import { compileScorecard, defaultScorecard, evaluateCall } from '../src';
import { isPattern } from '../src/automaton/phrase-pattern';
import { DEFAULT_RULE_IDS } from '../src/rules/rule-registry';
import type { Outcome } from '../src/types/outcome.types';
import { loadLabelledCalls } from './fixtures/labelled-calls';

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  exact: number;
  n: number;
  /** expected pass, got not_applicable, and the reverse */
  passAsNa: number;
  naAsPass: number;
}

const MIN = 0.95;
const corpus = loadLabelledCalls();
const card = defaultScorecard();
const compiled = compileScorecard(card);
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const fmt = (x: number) => x.toFixed(3);

/** Scores every labelled call; 'fail' is the positive class, as a QA lead reads a finding. */
function tallyAll() {
  const tallies = new Map<string, Tally>();
  const misses: string[] = [];
  const complaint = { tp: 0, fp: 0, fn: 0, n: 0 };
  for (const { id, call, context, expected } of corpus) {
    const r = evaluateCall(compiled, call, context);
    for (const rule of DEFAULT_RULE_IDS) {
      const want = expected[rule] as Outcome;
      const got = r.findings.find((f) => f.ruleId === rule)?.outcome;
      const t = tallies.get(rule) ?? {
        tp: 0,
        fp: 0,
        fn: 0,
        tn: 0,
        exact: 0,
        n: 0,
        passAsNa: 0,
        naAsPass: 0,
      };
      t.n++;
      if (got === want) t.exact++;
      else
        misses.push(
          `${id} ${rule}: expected ${want}, got ${got} (${r.findings.find((f) => f.ruleId === rule)?.note ?? ''})`,
        );
      if (want === 'fail' && got === 'fail') t.tp++;
      else if (want === 'fail') t.fn++;
      else if (got === 'fail') t.fp++;
      else t.tn++;
      if (want === 'pass' && got === 'not_applicable') t.passAsNa++;
      if (want === 'not_applicable' && got === 'pass') t.naAsPass++;
      tallies.set(rule, t);
    }
    complaint.n++;
    if (expected.complaint && r.complaint.detected) complaint.tp++;
    else if (expected.complaint) complaint.fn++;
    else if (r.complaint.detected) complaint.fp++;
    if (expected.complaint !== r.complaint.detected)
      misses.push(`${id} complaint: expected ${expected.complaint}`);
  }
  return { tallies, misses, complaint };
}

describe('engine accuracy on the labelled corpus', () => {
  const { tallies, misses, complaint } = tallyAll();
  const rows = DEFAULT_RULE_IDS.map((rule) => {
    const t = tallies.get(rule)!;
    return {
      rule,
      t,
      precision: ratio(t.tp, t.tp + t.fp),
      recall: ratio(t.tp, t.tp + t.fn),
      exact: t.exact / t.n,
    };
  });

  it('prints precision and recall per rule', () => {
    const head =
      'rule                             calls  fail  pass   n/a  precision  recall  exact  pass→n/a  n/a→pass';
    const lines = rows.map(({ rule, t, precision, recall, exact }) => {
      const labelled = (o: string) => corpus.filter((c) => c.expected[rule] === o).length;
      return [
        rule.padEnd(32),
        String(t.n).padStart(5),
        String(labelled('fail')).padStart(5),
        String(labelled('pass')).padStart(5),
        String(labelled('not_applicable')).padStart(5),
        fmt(precision).padStart(10),
        fmt(recall).padStart(7),
        fmt(exact).padStart(6),
        String(t.passAsNa).padStart(9),
        String(t.naAsPass).padStart(9),
      ].join(' ');
    });
    const c = `complaint detection: ${complaint.n} calls, ${complaint.tp + complaint.fn} complaints, precision ${fmt(ratio(complaint.tp, complaint.tp + complaint.fp))}, recall ${fmt(ratio(complaint.tp, complaint.tp + complaint.fn))}`;
    console.log(
      [
        `${corpus.length} labelled calls`,
        head,
        ...lines,
        c,
        'disagreements:',
        ...(misses.length ? misses : ['none']),
      ].join('\n'),
    );
    expect(rows).toHaveLength(DEFAULT_RULE_IDS.length);
  });

  it(`reaches precision and recall of at least ${MIN} for every rule (fail = positive)`, () => {
    const below = rows
      .filter((r) => r.precision < MIN || r.recall < MIN)
      .map((r) => `${r.rule} precision ${fmt(r.precision)} recall ${fmt(r.recall)}`);
    expect(below).toEqual([]);
  });

  it(`tells pass from not applicable in at least ${MIN} of the calls for every rule`, () => {
    const below = rows.filter((r) => r.exact < MIN).map((r) => `${r.rule} exact ${fmt(r.exact)}`);
    expect(below).toEqual([]);
  });

  it(`detects complaints with precision and recall of at least ${MIN}`, () => {
    expect(ratio(complaint.tp, complaint.tp + complaint.fp)).toBeGreaterThanOrEqual(MIN);
    expect(ratio(complaint.tp, complaint.tp + complaint.fn)).toBeGreaterThanOrEqual(MIN);
  });
});

describe('the labelled corpus', () => {
  it('has at least 80 calls, unique ids, and labels every default rule for every call', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(80);
    expect(new Set(corpus.map((c) => c.id)).size).toBe(corpus.length);
    for (const c of corpus) {
      expect(Object.keys(c.expected).sort()).toEqual([...DEFAULT_RULE_IDS, 'complaint'].sort());
    }
  });

  it('has passing, failing and not-applicable calls for every rule', () => {
    const missing = DEFAULT_RULE_IDS.flatMap((rule) =>
      (['pass', 'fail', 'not_applicable'] as const)
        .filter((o) => !corpus.some((c) => c.expected[rule] === o))
        .map((o) => `${rule} has no ${o} call`),
    );
    expect(missing).toEqual([]);
  });

  it('has a hard negative (polite form or customer speech) for every plain default forbidden phrase', () => {
    // Patterns (不归(我|我们)…管) have no single text to look for; their own tests cover them.
    const forbidden = card.items
      .find((i) => i.ruleId === 'forbidden.phrases')!
      .phrases!.forbidden.filter((p) => !isPattern(p));
    const clean = corpus.filter((c) => c.expected['forbidden.phrases'] === 'pass');
    const texts = clean.map((c) => c.call.segments.map((s) => s.text).join('\n'));
    expect(forbidden.filter((p) => !texts.some((t) => t.includes(p)))).toEqual([]);
  });

  it('has a violation by the agent for each seed phrase and each taboo DESIGN.md names', () => {
    const named = [
      '不知道',
      '不清楚',
      '我们没做过',
      '我们也没有办法',
      '没办法',
      '他不在',
      '这不归我管',
      '你听不懂吗',
      '我已经说过了',
    ];
    const violations = corpus.filter((c) => c.expected['forbidden.phrases'] === 'fail');
    const agentTexts = violations.flatMap((c) =>
      c.call.segments.filter((s) => s.speaker === 'agent').map((s) => s.text),
    );
    expect(named.filter((p) => !agentTexts.some((t) => t.includes(p)))).toEqual([]);
  });
});
