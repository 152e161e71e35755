import { foldChar } from './fold-char';

/** Receives every occurrence of every phrase: its payload and its span (end exclusive). */
export interface MatchSink {
  /** false: the sink is full, stop scanning this text. */
  add(value: number, start: number, end: number): boolean;
}

/** What scanTexts reports to: the matches, and each text as it is taken up. */
export interface TextsSink extends MatchSink {
  /** Text k (of `length` characters) is next: how many of its characters to scan, 0 for none. */
  open(k: number, length: number): number;
  /** Text k is done (scanned, cut short or skipped). */
  close(k: number): void;
}

export interface AutomatonOptions {
  /** Per pattern, the values a match reports (default: the pattern's own index). */
  payloads?: readonly (readonly number[])[];
  /**
   * Payloads that can only matter once the scan of a text has been told so (lateLive): a later
   * part of a gap pattern, whose earlier part has not been seen in most texts.
   */
  late?: (payload: number) => boolean;
  /** Most transitions the compact table may hold before falling back to sparse. */
  maxTableEntries?: number;
}

const DEFAULT_MAX_TABLE = 1 << 21;

/**
 * Aho–Corasick over UTF-16 code units with output (dictionary-suffix) closure, built once per
 * scorecard. Characters are first mapped to classes (only characters that occur in some phrase get
 * one; everything else is class 0 and sends the scan back to the root), so a step is a couple of
 * typed-array reads and no allocation.
 *
 * The full DFA is kept compact: from most states most characters go where they go from the root,
 * so only the transitions that differ are stored, packed into one table in which a state owns the
 * slots base + class of its own transitions (a double array; any other class takes the root's
 * transition). A state is named by its base. A slot holds its class and its target in one 32-bit
 * entry: bases are distinct, so the class names the owner (base = slot − class) and a step is one
 * read of a table half the size of an (owner, target) pair's — the walk waits on memory. The
 * dense states × classes table this replaced took 6.6 MB for the bench's 1,200 phrases; this one
 * takes about 200 KB on the default card. Phrase sets too large for it (or whose bases and classes
 * do not fit 31 bits) keep sparse goto transitions in a Map with failure links.
 */
export class PhraseAutomaton {
  readonly patternLengths: Int32Array;
  readonly stateCount: number;
  readonly classCount: number;
  /** Whether the compact table is used (otherwise the sparse goto Map). */
  readonly compact: boolean;
  /** Code unit → character class (0: in no phrase). */
  readonly classes = new Uint16Array(65536);
  /**
   * Compact: per slot, (target << classBits) | class; 0 when free (no transition has class 0). A
   * target is (base << 2) | 1 if that state has outputs that always count, | 2 if it has late ones.
   */
  readonly table: Int32Array;
  /** Compact: bits of the class in a table entry. */
  readonly classBits: number;
  /** Compact: the root's transition per class, encoded as a table entry's target. */
  readonly rootNext: Int32Array;
  /** Compact: base → state. */
  readonly stateOfBase: Int32Array;
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
    const packed = this.pack(
      order,
      children,
      options.maxTableEntries ?? DEFAULT_MAX_TABLE,
      options.late,
    );
    this.compact = packed !== null;
    this.classBits = 32 - Math.clz32(width - 1);
    this.table = packed?.table ?? new Int32Array(0);
    this.rootNext = packed?.rootNext ?? new Int32Array(0);
    this.stateOfBase = packed?.stateOfBase ?? new Int32Array(0);
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

  /**
   * The compact table, or null past maxEntries transitions. A state's transitions are its failure
   * state's overlaid with its children's (the root's are rootNext); each state takes the first
   * base whose slots for its classes are all free, states with the most transitions first.
   */
  private pack(
    order: number[],
    children: Map<number, number>[],
    maxEntries: number,
    late: ((payload: number) => boolean) | undefined,
  ): { table: Int32Array; rootNext: Int32Array; stateOfBase: Int32Array } | null {
    const states = this.stateCount;
    const width = this.classCount;
    // Every state takes a slot's worth of room too (its base).
    if (states > maxEntries) return null;
    // Rows of (class, target) pairs sorted by class, all in one pool: state s has rowLength[s]
    // pairs from rowAt[s].
    const rowAt = new Int32Array(states);
    const rowLength = new Int32Array(states);
    let pool = new Int32Array(2 * Math.max(64, states));
    let used = 0;
    for (const s of order) {
      const own = [...children[s]].sort((x, y) => x[0] - y[0]);
      const f = this.fail[s];
      const room = 2 * (rowLength[f] + own.length);
      if (used + room > pool.length) {
        const grown = new Int32Array(Math.max(2 * pool.length, used + room));
        grown.set(pool);
        pool = grown;
      }
      rowAt[s] = used;
      let i = rowAt[f];
      const inherited = i + 2 * rowLength[f];
      let j = 0;
      while (i < inherited || j < own.length) {
        if (j === own.length || (i < inherited && pool[i] < own[j][0])) {
          pool[used++] = pool[i++];
          pool[used++] = pool[i++];
        } else {
          if (i < inherited && pool[i] === own[j][0]) i += 2;
          pool[used++] = own[j][0];
          pool[used++] = own[j++][1];
        }
      }
      rowLength[s] = (used - rowAt[s]) / 2;
      if (used / 2 + states > maxEntries) return null;
    }
    const base = this.place(rowAt, rowLength, pool);
    let slots = width;
    for (let s = 0; s < states; s++) slots = Math.max(slots, base[s] + width);
    const classBits = 32 - Math.clz32(width - 1);
    // An entry (base, output bits, class) must stay a positive 32-bit integer.
    if (32 - Math.clz32(slots) + 2 + classBits > 31) return null;
    const encode = (t: number) => {
      let flags = 0;
      for (let j = this.outStart[t]; j < this.outStart[t + 1]; j++)
        flags |= late?.(this.outValue[j]) === true ? 2 : 1;
      return (base[t] << 2) | flags;
    };
    const table = new Int32Array(slots);
    const stateOfBase = new Int32Array(slots);
    for (let s = 1; s < states; s++) {
      const b = base[s];
      stateOfBase[b] = s;
      for (let i = rowAt[s]; i < rowAt[s] + 2 * rowLength[s]; i += 2)
        table[b + pool[i]] = (encode(pool[i + 1]) << classBits) | pool[i];
    }
    const rootNext = new Int32Array(width);
    for (const [c, t] of children[0]) rootNext[c] = encode(t);
    return { table, rootNext, stateOfBase };
  }

  /** Each state's base: distinct, the root's 0, no two states' slots (base + class) shared. */
  private place(rowAt: Int32Array, rowLength: Int32Array, pool: Int32Array): Int32Array {
    const states = this.stateCount;
    const width = this.classCount;
    const base = new Int32Array(states);
    const byRow = Array.from({ length: states - 1 }, (_, k) => k + 1).sort(
      (x, y) => rowLength[y] - rowLength[x] || x - y,
    );
    let size = pool.length / 2 + states + 2 * width + 1;
    let taken = new Uint8Array(size);
    // Per slot: itself when free, else a later slot to look at (path-compressed), so the search
    // for room visits free slots only.
    let next = Int32Array.from({ length: size }, (_, k) => k);
    const grow = () => {
      const bigger = Int32Array.from({ length: 2 * size }, (_, k) => k);
      bigger.set(next);
      next = bigger;
      const t = new Uint8Array(2 * size);
      t.set(taken);
      taken = t;
      size *= 2;
    };
    const freeFrom = (p: number): number => {
      let free = p;
      while (next[free] !== free) free = next[free];
      while (p !== free) {
        const later = next[p];
        next[p] = free;
        p = later;
      }
      return free;
    };
    taken[0] = 1; // the root's
    let bare = 1;
    // Rows alike (every state failing to 您 carries 您's transitions) would each search past all
    // the others from the start: a row starting with the same class is looked for past the last.
    const after = new Int32Array(width);
    for (const s of byRow) {
      const from = rowAt[s];
      const to = from + 2 * rowLength[s];
      if (from === to) {
        while (taken[bare]) if (++bare >= size) grow();
        base[s] = bare;
        taken[bare] = 1;
        continue;
      }
      const first = pool[from];
      let b = -1;
      for (let p = freeFrom(after[first] + first + 1); b < 0; p = freeFrom(p + 1)) {
        // Room for the row's widest span from p.
        while (p + width >= size) grow();
        if (taken[p - first]) continue;
        let i = from + 2;
        while (i < to && next[p - first + pool[i]] === p - first + pool[i]) i += 2;
        if (i === to) b = p - first;
      }
      for (let i = from; i < to; i += 2) next[b + pool[i]] = b + pool[i] + 1;
      taken[b] = 1;
      base[s] = b;
      after[first] = b;
    }
    return base;
  }

  /**
   * Reports every occurrence of every phrase, overlapping and nested ones included, in the first
   * `limit` characters, until the sink says it is full.
   */
  scan(text: string, sink: MatchSink, limit = text.length): void {
    const n = Math.min(text.length, limit);
    const one: TextsSink = {
      open: () => n,
      close: () => undefined,
      add: (v, start, end) => sink.add(v, start, end),
    };
    this.scanTexts([text], 1, one);
  }

  /**
   * scan() over texts[0..count), one after the other, each as far as the sink's open() says. One
   * loop for all the texts of a call: calls have ~40 short segments, and setting up a scan per
   * segment (the tables' fields read again, a call) cost a quarter of the pass on the bench calls.
   */
  scanTexts(texts: readonly string[], count: number, sink: TextsSink): void {
    if (!this.compact) {
      for (let k = 0; k < count; k++) {
        const n = sink.open(k, texts[k].length);
        if (n > 0) {
          this.begin(texts[k]);
          this.walkSparse(texts[k], n, sink);
        }
        sink.close(k);
      }
      return;
    }
    const { table, rootNext, classes, stateOfBase, outStart, outValue, outLength } = this;
    const bits = this.classBits;
    const mask = (1 << bits) - 1;
    for (let k = 0; k < count; k++) {
      const text = texts[k];
      const n = sink.open(k, text.length);
      this.lateLive = false;
      if (n > 0) this.begin(text);
      // Output bits that count: late outputs (吗 of 这不是…吗, ~50 a call) only once lateLive.
      let live = 1;
      let s = 0;
      walk: for (let i = 0; i < n; i++) {
        const c = classes[text.charCodeAt(i)];
        const e = table[s + c];
        const t = (e & mask) === c ? e >> bits : rootNext[c];
        s = t >> 2;
        if ((t & live) !== 0) {
          const state = stateOfBase[s];
          const stop = outStart[state + 1];
          for (let j = outStart[state]; j < stop; j++) {
            const v = outValue[j];
            const start = i + 1 - outLength[j];
            if (v < 0 ? !this.piece(v, start, i + 1, state, sink) : !sink.add(v, start, i + 1))
              break walk;
          }
          if (this.lateLive) live = 3;
        }
      }
      sink.close(k);
    }
  }

  private walkSparse(text: string, n: number, sink: MatchSink): void {
    const { goto, fail, root, classes, classCount: width } = this;
    let s = 0;
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

  /** Called before each scan. */
  protected begin(_text: string): void {}

  /** Set (by piece()) when the late outputs of the text being scanned may count from here on. */
  protected lateLive = false;

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
