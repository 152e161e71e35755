import type { MatchSink } from './phrase-automaton';
import { PatternAutomaton } from './pattern-automaton';

/** 还有…帮您 (gap 6) reported to list 0, plain 帮您 to list 1; 还有 is piece 0, 帮您 piece 1. */
function automaton(): PatternAutomaton {
  return new PatternAutomaton(['还有', '帮您'], [{ pieces: [0, 1], gaps: [6], lists: [0] }], 2, {
    payloads: [[-1], [-2, 1]],
  });
}

function hits(a: PatternAutomaton, text: string, room = Infinity): [number, number, number][] {
  const out: [number, number, number][] = [];
  const sink: MatchSink = { add: (v, s, e) => out.push([v, s, e]) < room };
  a.scan(text, sink);
  return out;
}

describe(PatternAutomaton.name, () => {
  it('matches a pattern whose parts are at most the gap apart, in the same pass', () => {
    expect(hits(automaton(), '请问还有什么可以帮您的吗')).toEqual([
      [0, 2, 10],
      [1, 8, 10],
    ]);
    expect(hits(automaton(), '还有帮您')).toEqual([
      [0, 0, 4],
      [1, 2, 4],
    ]);
  });

  it('joins a later part only after an earlier one, across scans too', () => {
    const a = automaton();
    // 帮您 before any 还有 is dropped at once (it starts no pattern); the scan after still joins.
    expect(hits(a, '帮您看看,还有帮您')).toEqual([
      [1, 0, 2],
      [0, 5, 9],
      [1, 7, 9],
    ]);
    expect(hits(a, '还有')).toEqual([]);
    expect(hits(a, '帮您')).toEqual([[1, 0, 2]]);
  });

  it('does not match parts too far apart, out of order, or across the end of a sentence', () => {
    expect(hits(automaton(), '还有一二三四五六七可以帮您')).toEqual([[1, 11, 13]]);
    expect(hits(automaton(), '帮您看看还有')).toEqual([[1, 0, 2]]);
    expect(hits(automaton(), '还有。帮您')).toEqual([[1, 3, 5]]);
    expect(hits(automaton(), '还有,帮您')).toEqual([
      [0, 0, 5],
      [1, 3, 5],
    ]);
  });

  it('reports hits in scan order (by end, longer first) and stops when the sink is full', () => {
    const text = '还有吗帮您,还有吗帮您';
    expect(hits(automaton(), text).map(([, s, e]) => [s, e])).toEqual([
      [0, 5],
      [3, 5],
      [6, 11],
      [9, 11],
    ]);
    expect(hits(automaton(), text, 3)).toHaveLength(3);
  });

  it('is the plain automaton when no pattern has a gap', () => {
    const a = new PatternAutomaton(['谢谢', '再见'], [], 0);
    expect(hits(a, '谢谢,再见')).toEqual([
      [0, 0, 2],
      [1, 3, 5],
    ]);
  });
});
