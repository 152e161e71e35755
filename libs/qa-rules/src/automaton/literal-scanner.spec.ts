import fc from 'fast-check';
import { LiteralScanner } from './literal-scanner';

const matches = (a: LiteralScanner, text: string) => {
  const out: [string, number][] = [];
  a.scan(text, (p, end) => out.push([a.patterns[p], end - a.patternLengths[p]]));
  return out.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
};

const naive = (patterns: string[], text: string) => {
  const out: [string, number][] = [];
  for (const p of new Set(patterns)) {
    if (!p) continue;
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) out.push([p, i]);
  }
  return out.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
};

describe(LiteralScanner.name, () => {
  it('finds overlapping and nested phrases', () => {
    const a = new LiteralScanner(['不清楚', '清楚', '我不清楚', '不知道']);
    expect(matches(a, '我不清楚也不知道')).toEqual([
      ['我不清楚', 0],
      ['不清楚', 1],
      ['清楚', 2],
      ['不知道', 5],
    ]);
  });

  it('handles no patterns and empty text', () => {
    expect(matches(new LiteralScanner([]), '任何文本')).toEqual([]);
    expect(matches(new LiteralScanner(['abc']), '')).toEqual([]);
  });

  it('agrees with a naive search on random Chinese-like text (and so with Aho–Corasick)', () => {
    const alphabet = fc.constantFrom('不', '清', '楚', '知', '道', '您', '好', 'a', 'b');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { maxLength: 12 }),
        fc.array(alphabet, { maxLength: 60 }),
        (patterns, chars) => {
          const text = chars.join('');
          expect(matches(new LiteralScanner(patterns), text)).toEqual(naive(patterns, text));
        },
      ),
      { numRuns: 300 },
    );
  });
});
