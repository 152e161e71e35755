import fc from 'fast-check';
import { PhraseAutomaton } from './phrase-automaton';

const found = (a: PhraseAutomaton, text: string) =>
  a
    .matches(text)
    .map(([p, start]) => [a.patterns[p], start] as [string, number])
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));

const naive = (patterns: string[], text: string) => {
  const out: [string, number][] = [];
  for (const p of new Set(patterns)) {
    if (!p) continue;
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) out.push([p, i]);
  }
  return out.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
};

describe(PhraseAutomaton.name, () => {
  it('reports overlapping and nested phrases with their offsets', () => {
    const a = new PhraseAutomaton(['不清楚', '清楚', '我不清楚', '不知道', '知道']);
    expect(found(a, '我不清楚也不知道')).toEqual([
      ['我不清楚', 0],
      ['不清楚', 1],
      ['清楚', 2],
      ['不知道', 5],
      ['知道', 6],
    ]);
  });

  it('copes with no phrases, empty phrases and empty text', () => {
    expect(found(new PhraseAutomaton([]), '任何文本')).toEqual([]);
    expect(found(new PhraseAutomaton(['', '好']), '好好')).toEqual([
      ['好', 0],
      ['好', 1],
    ]);
    expect(found(new PhraseAutomaton(['abc']), '')).toEqual([]);
  });

  it('ignores ASCII case and full-width forms, reporting the text as written', () => {
    const a = new PhraseAutomaton(['12315', 'app']);
    expect(found(a, '打１２３１５投诉,你们的APP')).toEqual([
      ['12315', 1],
      ['app', 12],
    ]);
  });

  it('matches phrases with characters outside the BMP (surrogate pairs)', () => {
    const a = new PhraseAutomaton(['😡投诉']);
    expect(found(a, '我😡投诉')).toEqual([['😡投诉', 1]]);
  });

  it('agrees with a naive search, compact and sparse', () => {
    const alphabet = fc.constantFrom('不', '清', '楚', '知', '道', '您', '好', 'a', 'b', '\ud83d');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 5 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { maxLength: 15 }),
        fc.array(alphabet, { maxLength: 80 }),
        (patterns, chars) => {
          const text = chars.join('');
          const want = naive(patterns, text);
          expect(found(new PhraseAutomaton(patterns), text)).toEqual(want);
          const sparse = new PhraseAutomaton(patterns, { maxTableEntries: 0 });
          expect(sparse.compact).toBe(false);
          expect(found(sparse, text)).toEqual(want);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reports each payload of a pattern, for phrases in several lists', () => {
    const a = new PhraseAutomaton(['投诉', '不满意'], { payloads: [[3, 7], [5]] });
    expect(a.matches('我不满意,要投诉')).toEqual([
      [5, 1, 4],
      [3, 6, 8],
      [7, 6, 8],
    ]);
  });
});
