import { AhoCorasick } from '@monyone/aho-corasick';
import { compileScorecard, defaultScorecard, evaluateCall } from '@qa/qa-rules';
import { forbiddenList, makeCall, rng } from './transcripts';

function measure(name: string, seconds: number, calls: unknown[], fn: (call: unknown) => unknown) {
  for (let i = 0; i < Math.min(2000, calls.length * 2); i++) fn(calls[i % calls.length]); // warm-up
  let n = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < deadline) {
    for (let k = 0; k < 100; k++) {
      const r = fn(calls[n++ % calls.length]);
      sink += r ? 1 : 0;
    }
    now = process.hrtime.bigint();
  }
  const elapsed = Number(now - start) / 1e9;
  return {
    name,
    calls: n,
    seconds: Number(elapsed.toFixed(3)),
    callsPerSecond: Math.round(n / elapsed),
    sink,
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Engine throughput on one core, with the naive baseline and two matcher peers in the same run. */
export async function runEngineBench(
  opts: { seconds?: number } = {},
): Promise<Record<string, unknown>> {
  const seconds = opts.seconds ?? 3;
  const card = defaultScorecard();
  card.id = 'bench';
  card.phraseLists.forbidden = forbiddenList(card.phraseLists.forbidden);
  const compiled = compileScorecard(card);
  const compiledRegexp = compileScorecard({ ...card, id: 'bench-regexp' }, 'regexp');
  const r = rng(42);
  const calls = Array.from({ length: 500 }, (_, i) => makeCall(r, i));
  const texts = calls.map((c) => c.segments);
  const avgChars = Math.round(
    texts.reduce((s, segs) => s + segs.reduce((a, x) => a + x.text.length, 0), 0) / calls.length,
  );
  const ctx = { companyName: '示例公司', secondsPerRing: 3 };

  const allPhrases = Object.values(card.phraseLists).flat();
  const naiveRegexps = allPhrases.map((p) => new RegExp(escape(p), 'g'));
  const peerAc = new AhoCorasick(card.phraseLists.forbidden);
  const alternation = new RegExp(card.phraseLists.forbidden.map(escape).join('|'), 'g');

  const engine = measure(
    'engine: full default scorecard (all rules, evidence, score)',
    seconds,
    calls,
    (c) => evaluateCall(compiled, c, ctx),
  );
  const engineRegexp = measure(
    'engine with the V8-regexp phrase scanner instead of Aho–Corasick',
    seconds,
    calls,
    (c) => evaluateCall(compiledRegexp, c, ctx),
  );
  const naive = measure(
    'baseline: one RegExp per phrase, all phrase lists, matching only',
    seconds,
    texts,
    (segs) => {
      let hits = 0;
      for (const s of segs as { text: string }[]) {
        for (const re of naiveRegexps) {
          re.lastIndex = 0;
          while (re.exec(s.text)) hits++;
        }
      }
      return hits;
    },
  );
  const ac = measure('peer: @monyone/aho-corasick, forbidden list only', seconds, texts, (segs) => {
    let hits = 0;
    for (const s of segs as { text: string }[]) hits += peerAc.matchInText(s.text).length;
    return hits;
  });
  const alt = measure(
    'peer: one precompiled RegExp alternation, forbidden list only',
    seconds,
    texts,
    (segs) => {
      let hits = 0;
      for (const s of segs as { text: string }[]) {
        alternation.lastIndex = 0;
        while (alternation.exec(s.text)) hits++;
      }
      return hits;
    },
  );
  return {
    benchmark: 'engine',
    node: process.version,
    transcriptChars: avgChars,
    phrases: { total: allPhrases.length, forbidden: card.phraseLists.forbidden.length },
    results: [engine, engineRegexp, naive, ac, alt].map(({ sink: _sink, ...rest }) => rest),
    ratios: {
      engineVsNaive: Number((engine.callsPerSecond / naive.callsPerSecond).toFixed(2)),
      engineVsAhoCorasickPeer: Number((engine.callsPerSecond / ac.callsPerSecond).toFixed(2)),
      engineVsAlternationPeer: Number((engine.callsPerSecond / alt.callsPerSecond).toFixed(2)),
    },
    targets: {
      engineCallsPerSecond: 40000,
      met: engine.callsPerSecond >= 40000 && engine.callsPerSecond >= 4 * naive.callsPerSecond,
    },
  };
}

if (require.main === module) {
  void runEngineBench().then((r) => console.log(JSON.stringify(r, null, 2)));
}
