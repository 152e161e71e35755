import fc from 'fast-check';
import { PhraseAutomaton } from '../automaton/phrase-automaton';
import { HitTable } from './hit-table';

const rows = (t: HitTable) =>
  Array.from({ length: t.count }, (_, h) => [t.segment[h], t.list[h], t.start[h], t.end[h]]).sort(
    (x, y) => x[0] - y[0] || x[2] - y[2] || x[3] - y[3] || x[1] - y[1],
  );

describe(HitTable.name, () => {
  it('fills hits of every segment by list, skipping flagged segments', () => {
    const a = new PhraseAutomaton(['投诉', '不知道'], { payloads: [[0, 2], [1]] });
    const t = new HitTable();
    t.fill(a, ['我要投诉', '投诉', '不知道投诉'], 3, Uint8Array.of(0, 1, 0));
    expect(rows(t)).toEqual([
      [0, 0, 2, 4],
      [0, 2, 2, 4],
      [2, 1, 0, 3],
      [2, 0, 3, 5],
      [2, 2, 3, 5],
    ]);
    expect(t.first(1, 2)).toBeGreaterThanOrEqual(0);
    expect(t.first(1, 0)).toBe(-1);
  });

  it('gives the same table from the compact and the sparse automaton, and grows past its size', () => {
    const alphabet = fc.constantFrom('不', '清', '楚', '知', '道', 'a');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((c) => c.join(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 10 }),
        fc.array(
          fc.array(alphabet, { maxLength: 300 }).map((c) => c.join('')),
          { maxLength: 6 },
        ),
        (patterns, texts) => {
          const payloads = patterns.map((_, i) => [i % 3]);
          const compact = new HitTable();
          const sparse = new HitTable();
          const skip = new Uint8Array(texts.length);
          compact.fill(new PhraseAutomaton(patterns, { payloads }), texts, texts.length, skip);
          sparse.fill(
            new PhraseAutomaton(patterns, { payloads, maxTableEntries: 0 }),
            texts,
            texts.length,
            skip,
          );
          expect(rows(sparse)).toEqual(rows(compact));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answers coveredBy and nested as a walk over the segment would, from its index too', () => {
    const alphabet = fc.constantFrom('不', '知', '道', '投', '诉', 'a');
    const word = fc.array(alphabet, { minLength: 1, maxLength: 5 }).map((c) => c.join(''));
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { minLength: 1, maxLength: 12 }),
        fc.array(
          fc.array(alphabet, { maxLength: 150 }).map((c) => c.join('')),
          { maxLength: 5 },
        ),
        (patterns, texts) => {
          const payloads = patterns.map((_, i) => (i % 4 === 0 ? [0, 1] : [i % 3]));
          const t = new HitTable();
          t.fill(
            new PhraseAutomaton(patterns, { payloads }),
            texts,
            texts.length,
            new Uint8Array(5),
          );
          const spans = (h: number, k: number) =>
            t.segment[k] === t.segment[h] && t.start[k] <= t.start[h] && t.end[k] >= t.end[h];
          for (let h = 0; h < t.count; h++) {
            for (let list = -1; list <= 3; list++) {
              const walk = Array.from({ length: t.count }, (_, k) => k).some(
                (k) => t.list[k] === list && spans(h, k),
              );
              expect(t.coveredBy(h, list)).toBe(walk);
            }
            const longer = Array.from({ length: t.count }, (_, k) => k).some(
              (k) =>
                k !== h &&
                t.list[k] === t.list[h] &&
                spans(h, k) &&
                t.end[k] - t.start[k] > t.end[h] - t.start[h],
            );
            expect(t.nested(h)).toBe(longer);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
