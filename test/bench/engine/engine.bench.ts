import { AhoCorasick } from '@monyone/aho-corasick';
import { compileScorecard, defaultScorecard, evaluateCall } from '@qa/qa-rules';
import type { CallInput, ScorecardDefinition } from '@qa/qa-rules';
import taboo from '../../../libs/qa-rules/test/fixtures/taboo-phrases.json';
import { measure, medianOf, Measurement } from './measure';
import { NaiveBaseline } from './naive-baseline';
import { BENCH_COMPANY, seededCalls } from '../transcripts';

const CALLS = 1000;
const TARGET_CALLS_PER_SECOND = 40_000;
const TARGET_VS_NAIVE = 4;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The default scorecard with its forbidden list grown to 200 phrases (seed words + taboos). */
export function benchScorecard(): ScorecardDefinition {
  const card = defaultScorecard();
  card.id = 'bench';
  const lists = card.items.find((i) => i.ruleId === 'forbidden.phrases')!.phrases!;
  lists.forbidden = [...new Set([...lists.forbidden, ...(taboo as string[])])].slice(0, 200);
  return card;
}

type Contender = [name: string, fn: (call: CallInput) => unknown];

/**
 * Engine throughput on one core (single-threaded JS, no await in the timed loops) on generated
 * ~600-character calls, beside a naive per-phrase RegExp baseline doing the same phrase checks,
 * two matchers that look for the forbidden list alone, and a RegExp alternation of every phrase
 * the engine's automaton holds (the engine's matching without its rules or results, and finding
 * fewer hits: leftmost, non-overlapping). Every contender gets the same call objects and reads the
 * segment texts itself; rounds are interleaved so drift hits all of them alike, and the median
 * round is reported.
 */
export async function runEngineBench(
  opts: { seconds?: number; rounds?: number } = {},
): Promise<Record<string, unknown>> {
  const seconds = opts.seconds ?? 3;
  const rounds = Math.max(1, opts.rounds ?? 5);
  const card = benchScorecard();
  const compiled = compileScorecard(card);
  const forbidden = card.items.find((i) => i.ruleId === 'forbidden.phrases')!.phrases!.forbidden;
  const next = seededCalls(20261122, 'bench');
  const calls = Array.from({ length: CALLS }, (_, i) => next(i, `bench-${i}`));
  const context = { companyName: BENCH_COMPANY, secondsPerRing: 3 };
  const naive = new NaiveBaseline(card);
  const ahoCorasick = new AhoCorasick(forbidden);
  const alternation = new RegExp(forbidden.map(escape).join('|'), 'g');
  // Like for like with the engine's matching: every phrase its automaton holds (all lists, the
  // expansions of patterns and the parts of gap patterns), longest first, over every segment.
  const phrases = [...new Set(compiled.automaton.patterns)].sort((a, b) => b.length - a.length);
  const everyPhrase = new RegExp(phrases.map(escape).join('|'), 'g');

  const contenders: Contender[] = [
    [
      'engine: evaluateCall, full default scorecard (12 rules, evidence, score, complaint)',
      (c) => evaluateCall(compiled, c, context).score,
    ],
    [
      'baseline: one RegExp per phrase per segment, same phrase checks',
      (c) => naive.evaluate(c, BENCH_COMPANY, 3).forbidden,
    ],
    [
      'peer: @monyone/aho-corasick, forbidden list only',
      (c) => {
        let n = 0;
        for (const s of c.segments) n += ahoCorasick.matchInText(s.text).length;
        return n;
      },
    ],
    [
      'peer: one precompiled RegExp alternation, forbidden list only',
      (c) => {
        let n = 0;
        for (const s of c.segments) {
          alternation.lastIndex = 0;
          while (alternation.exec(s.text)) n++;
        }
        return n;
      },
    ],
    [
      'peer: one precompiled RegExp alternation of every phrase of the card (the engine finds these)',
      (c) => {
        let n = 0;
        for (const s of c.segments) {
          everyPhrase.lastIndex = 0;
          while (everyPhrase.exec(s.text)) n++;
        }
        return n;
      },
    ],
  ];
  const samples: Measurement[][] = contenders.map(() => []);
  for (let round = 0; round < rounds; round++) {
    contenders.forEach(([name, fn], k) => {
      samples[k].push(measure(name, calls, seconds / rounds, fn).measurement);
    });
  }
  const [engine, baseline, ac, alt, every] = samples.map((s) => ({
    ...medianOf(s),
    calls: s.reduce((n, x) => n + x.calls, 0),
    seconds: Number(s.reduce((n, x) => n + x.seconds, 0).toFixed(3)),
    rounds: s.map((x) => x.callsPerSecond),
  }));

  // The baseline must be doing the same work: its outcomes must match the engine's.
  let agreeing = 0;
  let engineForbidden = 0;
  let baselineForbidden = 0;
  let complaints = 0;
  for (const c of calls) {
    const e = evaluateCall(compiled, c, context);
    const b = naive.evaluate(c, BENCH_COMPANY, 3);
    engineForbidden += e.metrics.forbiddenPhraseCount;
    baselineForbidden += b.forbidden;
    complaints += e.complaint.detected ? 1 : 0;
    const same =
      e.complaint.detected === b.complaint &&
      Object.entries(b.outcome).every(
        ([rule, o]) => e.findings.find((f) => f.ruleId === rule)?.outcome === o,
      );
    if (same) agreeing++;
  }
  const chars = calls.reduce((n, c) => n + c.segments.reduce((m, s) => m + s.text.length, 0), 0);
  const segments = calls.reduce((n, c) => n + c.segments.length, 0);
  const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
  return {
    benchmark: 'qa-rules engine (one core)',
    node: process.version,
    transcripts: {
      calls: CALLS,
      avgChars: Math.round(chars / CALLS),
      avgSegments: Math.round(segments / CALLS),
    },
    scorecard: {
      phrases: compiled.automaton.patterns.length,
      forbiddenPhrases: forbidden.length,
      automatonStates: compiled.automaton.stateCount,
      characterClasses: compiled.automaton.classCount,
      compactTable: compiled.automaton.compact,
      tableSlots: compiled.automaton.table.length,
    },
    results: [engine, baseline, ac, alt, every],
    ratios: {
      engineVsNaiveBaseline: ratio(engine.callsPerSecond, baseline.callsPerSecond),
      engineVsAhoCorasickPeer: ratio(engine.callsPerSecond, ac.callsPerSecond),
      engineVsRegExpAlternationPeer: ratio(engine.callsPerSecond, alt.callsPerSecond),
      engineVsEveryPhraseRegExpPeer: ratio(engine.callsPerSecond, every.callsPerSecond),
    },
    checks: {
      baselineAgreesWithEngine: `${agreeing}/${CALLS} calls (every compared outcome and complaint)`,
      forbiddenPhrasesFound: { engine: engineForbidden, baseline: baselineForbidden },
      complaintsDetected: complaints,
    },
    targets: {
      callsPerSecond: {
        target: TARGET_CALLS_PER_SECOND,
        met: engine.callsPerSecond >= TARGET_CALLS_PER_SECOND,
      },
      vsNaiveBaseline: {
        target: TARGET_VS_NAIVE,
        met: engine.callsPerSecond >= TARGET_VS_NAIVE * baseline.callsPerSecond,
      },
      fasterThanBothPeers: {
        met:
          engine.callsPerSecond > ac.callsPerSecond && engine.callsPerSecond > alt.callsPerSecond,
      },
      fasterThanEveryPhrasePeer: { met: engine.callsPerSecond > every.callsPerSecond },
    },
  };
}

if (require.main === module) {
  void runEngineBench().then((r) => console.log(JSON.stringify(r, null, 2)));
}
