import { foldChar } from './fold-char';

/** Receives every occurrence of every phrase: its payload and its span (end exclusive). */
export interface MatchSink {
  /** false: the sink is full, stop scanning this text. */
  add(value: number, start: number, end: number): boolean;
}

export interface AutomatonOptions {
  /** Per pattern, the values a match reports (default: the pattern's own index). */
  payloads?: readonly (readonly number[])[];
  /** Largest dense transition table (states × character classes) before falling back to sparse. */
  maxDenseEntries?: number;
}

const DEFAULT_MAX_DENSE = 1 << 22;

/**
 * Aho–Corasick over UTF-16 code units with output (dictionary-suffix) closure, built once per
 * scorecard. Characters are first mapped to classes (only characters that occur in some phrase get
 * one; everything else is class 0 and sends the scan back to the root), so the full DFA fits in a
 * small table: one typed-array read per character, no allocation. Phrase sets too large for that
 * keep sparse goto transitions in a Map with failure links.
 */
export class PhraseAutomaton {
  readonly patternLengths: Int32Array;
  readonly stateCount: number;
  readonly classCount: number;
  readonly dense: boolean;
  /** Code unit → character class (0: in no phrase). */
  readonly classes = new Uint16Array(65536);
  /** Dense: row offsets (state × classCount), negated with ~ when the target state has outputs. */
  readonly delta: Int32Array;
  /** Output closure per state (CSR): the payloads and pattern lengths of every phrase ending there. */
  readonly outStart: Int32Array;
  readonly outValue: Int32Array;
  readonly outLength: Int32Array;
  /** Sparse: goto keyed state × classCount + class; root row kept dense. */
  private readonly goto: Map<number, number>;
  private readonly root: Int32Array;
  private readonly fail: Int32Array;

  constructor(
    readonly patterns: readonly string[],
    options: AutomatonOptions = {},
  ) {
    const width = this.buildClasses(patterns);
    this.classCount = width;
    this.patternLengths = Int32Array.from(patterns, (p) => (typeof p === 'string' ? p.length : 0));
    const own: number[][] = [[]];
    const goto = new Map<number, number>();
    patterns.forEach((p, id) => {
      if (typeof p !== 'string' || p.length === 0) return;
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const key = s * width + this.classes[p.charCodeAt(i)];
        let t = goto.get(key);
        if (t === undefined) {
          t = own.length;
          own.push([]);
          goto.set(key, t);
        }
        s = t;
      }
      own[s].push(id);
    });
    const states = own.length;
    this.stateCount = states;
    this.goto = goto;
    const { order, fail, children } = bfs(goto, states, width);
    this.fail = fail;
    // Closure in BFS order: a state's outputs are its own plus its failure state's (shallower).
    const closure: number[][] = new Array(states);
    closure[0] = own[0];
    for (const s of order) closure[s] = own[s].concat(closure[fail[s]]);
    const payloads = options.payloads;
    const values: number[] = [];
    const lengths: number[] = [];
    this.outStart = new Int32Array(states + 1);
    for (let s = 0; s < states; s++) {
      for (const p of closure[s]) {
        for (const v of payloads ? (payloads[p] ?? []) : [p]) {
          values.push(v);
          lengths.push(this.patternLengths[p]);
        }
      }
      this.outStart[s + 1] = values.length;
    }
    this.outValue = Int32Array.from(values);
    this.outLength = Int32Array.from(lengths);
    this.root = new Int32Array(width);
    for (const [c, t] of children[0]) this.root[c] = t;
    const maxDense = options.maxDenseEntries ?? DEFAULT_MAX_DENSE;
    this.dense = states * width <= maxDense;
    this.delta = this.dense ? this.buildDelta(order, children, width) : new Int32Array(0);
  }

  private buildClasses(patterns: readonly string[]): number {
    const canonical = new Uint16Array(65536);
    let next = 1;
    for (const p of patterns) {
      if (typeof p !== 'string') continue;
      for (let i = 0; i < p.length; i++) {
        const f = foldChar(p.charCodeAt(i));
        if (canonical[f] === 0) canonical[f] = next++;
      }
    }
    for (let c = 0; c < 65536; c++) this.classes[c] = canonical[foldChar(c)];
    return next;
  }

  private buildDelta(order: number[], children: Map<number, number>[], width: number): Int32Array {
    const delta = new Int32Array(this.stateCount * width);
    const encode = (t: number) =>
      this.outStart[t + 1] > this.outStart[t] ? ~(t * width) : t * width;
    for (const [c, t] of children[0]) delta[c] = encode(t);
    for (const s of order) {
      const row = s * width;
      const fallback = this.fail[s] * width;
      for (let c = 1; c < width; c++) delta[row + c] = delta[fallback + c];
      for (const [c, t] of children[s]) delta[row + c] = encode(t);
    }
    return delta;
  }

  /**
   * Reports every occurrence of every phrase, overlapping and nested ones included, in the first
   * `limit` characters, until the sink says it is full.
   */
  scan(text: string, sink: MatchSink, limit = text.length): void {
    const n = Math.min(text.length, limit);
    let s = 0;
    if (this.dense) {
      const { delta, classes, classCount } = this;
      for (let i = 0; i < n; i++) {
        let t = delta[s + classes[text.charCodeAt(i)]];
        if (t < 0) {
          t = ~t;
          if (!this.emit((t / classCount) | 0, i + 1, sink)) return;
        }
        s = t;
      }
      return;
    }
    const { goto, fail, root, classes, classCount: width } = this;
    for (let i = 0; i < n; i++) {
      const c = classes[text.charCodeAt(i)];
      if (c === 0) {
        s = 0;
        continue;
      }
      let t: number | undefined;
      while (s !== 0 && (t = goto.get(s * width + c)) === undefined) s = fail[s];
      s = s === 0 ? root[c] : t!;
      if (this.outStart[s + 1] > this.outStart[s] && !this.emit(s, i + 1, sink)) return;
    }
  }

  /** Convenience for tests and tools: every match as [payload, start, end]. */
  matches(text: string): [number, number, number][] {
    const out: [number, number, number][] = [];
    this.scan(text, { add: (v, start, end) => out.push([v, start, end]) > 0 });
    return out;
  }

  private emit(state: number, end: number, sink: MatchSink): boolean {
    const stop = this.outStart[state + 1];
    for (let j = this.outStart[state]; j < stop; j++) {
      const v = this.outValue[j];
      const start = end - this.outLength[j];
      if (v < 0 ? !this.piece(v, start, end, state, sink) : !sink.add(v, start, end)) return false;
    }
    return true;
  }

  /** A negative payload: part of a pattern with gaps (PatternAutomaton joins them). */
  protected piece(_value: number, _start: number, _end: number, _state: number, _sink: MatchSink) {
    return true;
  }
}

function bfs(goto: Map<number, number>, states: number, width: number) {
  const children: Map<number, number>[] = Array.from({ length: states }, () => new Map());
  for (const [key, t] of goto) children[Math.floor(key / width)].set(key % width, t);
  const fail = new Int32Array(states);
  const order: number[] = [...children[0].values()];
  for (let qi = 0; qi < order.length; qi++) {
    const s = order[qi];
    for (const [c, t] of children[s]) {
      let f = fail[s];
      let target = children[f].get(c);
      while (target === undefined && f !== 0) {
        f = fail[f];
        target = children[f].get(c);
      }
      fail[t] = target !== undefined && target !== t ? target : 0;
      order.push(t);
    }
  }
  return { order, fail, children };
}
