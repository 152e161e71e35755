import { type AutomatonOptions, type MatchSink, PhraseAutomaton } from './phrase-automaton';

/**
 * A pattern with gaps (还有…帮您): its parts are phrases of the same automaton reporting a piece
 * (payload -(piece + 1)); the pieces of one segment are joined after its scan.
 */
export interface GapPattern {
  /** Piece per part, in order. */
  pieces: number[];
  /** Most characters between part i and part i + 1. */
  gaps: number[];
  /** Lists a match is reported to (payloads ≥ 0). */
  lists: number[];
}

/** Partial matches kept per pattern part and segment (past this, later ones are not tried). */
const MAX_CHAINS = 256;
/** Gap pattern matches remembered at one end position, to report each list and span once. */
const MAX_AT_END = 16;

/**
 * The pieces that are only ever a later part (no pattern starts with them): unarmed in a text
 * until an earlier part is seen there, so the scan need not stop at them before that.
 */
function lateParts(gapPatterns: readonly GapPattern[], pieceCount: number) {
  const starts = new Uint8Array(pieceCount);
  for (const g of gapPatterns) if (g.pieces[0] < pieceCount) starts[g.pieces[0]] = 1;
  return (payload: number) => {
    const piece = -payload - 1;
    return payload < 0 && piece < pieceCount && starts[piece] === 0;
  };
}

/** Whether a character ends a sentence, which no gap may span. */
const endsSentence = (c: number): boolean =>
  c === 0x3002 || // 。
  c === 0xff01 || // ！
  c === 0xff1f || // ？
  c === 0x21 ||
  c === 0x3f ||
  c === 0xff1b || // ；
  c === 0x3b ||
  c === 0x0a;

/**
 * The phrase automaton plus patterns with bounded gaps, still one pass over the text. Plain hits
 * go straight to the sink. A piece hit extends the partial matches of its pattern: the first part
 * starts one, a later part joins the nearest partial match of the part before (they come in end
 * order, so that is a binary search) if no more than the gap lies between and no sentence ends
 * there, and the last part reports the whole span at once — so hits still reach the sink in the
 * scan's order, by end. With no gap patterns this is the plain automaton.
 */
export class PatternAutomaton extends PhraseAutomaton {
  private readonly gapPatterns: readonly GapPattern[];
  /** Per piece: (pattern, part) pairs it is, later parts first (flat: pattern, part, …). */
  private readonly usesOf: Int32Array[];
  /** Per pattern: its first slot; slot + part holds the partial matches up to that part. */
  private readonly slotOf: Int32Array;
  private readonly chainCount: Int32Array;
  private readonly chainStart: Int32Array[];
  private readonly chainEnd: Int32Array[];
  /** Per slot: the scan its count belongs to (an older one means none yet in this scan). */
  private readonly stamp: Int32Array;
  /** Per piece: whether it starts some pattern (then every hit of it counts). */
  private readonly starts: Uint8Array;
  /**
   * Per piece: the scan in which a partial match reached the part before it. A later part (吗 in
   * 这不是…吗) hits often; unarmed, it is dropped at once instead of being joined.
   */
  private readonly armed: Int32Array;
  private scans = 0;
  private text = '';
  // Gap pattern matches reported at the current end position: (list, start) pairs.
  private atEnd = -1;
  private atCount = 0;
  private readonly atList = new Int32Array(MAX_AT_END);
  private readonly atStart = new Int32Array(MAX_AT_END);

  constructor(
    patterns: readonly string[],
    gapPatterns: readonly GapPattern[],
    pieceCount: number,
    options: AutomatonOptions = {},
  ) {
    super(patterns, { ...options, late: lateParts(gapPatterns, pieceCount) });
    this.gapPatterns = gapPatterns;
    const uses: number[][] = Array.from({ length: pieceCount }, () => []);
    this.starts = new Uint8Array(pieceCount);
    this.armed = new Int32Array(pieceCount);
    this.slotOf = new Int32Array(gapPatterns.length);
    let slots = 0;
    gapPatterns.forEach((g, i) => {
      this.slotOf[i] = slots;
      slots += g.pieces.length;
      for (let part = g.pieces.length - 1; part >= 0; part--) uses[g.pieces[part]]?.push(i, part);
      if (g.pieces[0] < pieceCount) this.starts[g.pieces[0]] = 1;
    });
    this.usesOf = uses.map((u) => Int32Array.from(u));
    this.chainCount = new Int32Array(slots);
    this.chainStart = Array.from({ length: slots }, () => new Int32Array(8));
    this.chainEnd = Array.from({ length: slots }, () => new Int32Array(8));
    this.stamp = new Int32Array(slots);
  }

  /** A new text: the partial matches of the last one no longer count. */
  protected override begin(text: string): void {
    if (this.gapPatterns.length === 0) return;
    if (++this.scans === 0x7fffffff) {
      this.scans = 1;
      this.stamp.fill(0);
      this.armed.fill(0);
    }
    this.text = text;
    this.atEnd = -1;
  }

  /**
   * A piece hit. Most are a later part with no earlier one seen (吗, ~50 a call): this stays
   * small enough to be inlined into the scan, so those are dropped without a call.
   */
  protected override piece(
    value: number,
    start: number,
    end: number,
    state: number,
    sink: MatchSink,
  ): boolean {
    const piece = -value - 1;
    if (this.starts[piece] === 0 && this.armed[piece] !== this.scans) return true;
    return this.join(piece, start, end, state, sink);
  }

  /** Extends the piece's patterns' partial matches, reporting the complete ones. */
  private join(piece: number, start: number, end: number, state: number, sink: MatchSink) {
    const uses = this.usesOf[piece];
    if (uses === undefined) return true;
    for (let u = 0; u < uses.length; u += 2) {
      const g = uses[u];
      const part = uses[u + 1];
      const pattern = this.gapPatterns[g];
      const slot = this.slotOf[g] + part;
      if (part === 0) {
        this.push(slot, start, end);
        this.armed[pattern.pieces[1]] = this.scans;
        this.lateLive = true;
        continue;
      }
      const from = this.nearest(slot - 1, start, pattern.gaps[part - 1]);
      if (from < 0) continue;
      if (part < pattern.pieces.length - 1) {
        this.push(slot, from, end);
        this.armed[pattern.pieces[part + 1]] = this.scans;
        this.lateLive = true;
      } else
        for (const list of pattern.lists)
          if (this.once(list, from, end, state) && !sink.add(list, from, end)) return false;
    }
    return true;
  }

  /** Where the nearest partial match in `slot` ending at or before `start` began, or -1. */
  private nearest(slot: number, start: number, gap: number): number {
    const ends = this.chainEnd[slot];
    let lo = 0;
    let hi = this.stamp[slot] === this.scans ? this.chainCount[slot] : 0;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid] <= start) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return -1;
    const end = ends[lo - 1];
    if (start - end > gap) return -1;
    for (let i = end; i < start; i++) if (endsSentence(this.text.charCodeAt(i))) return -1;
    return this.chainStart[slot][lo - 1];
  }

  private push(slot: number, start: number, end: number): void {
    if (this.stamp[slot] !== this.scans) {
      this.stamp[slot] = this.scans;
      this.chainCount[slot] = 0;
    }
    const k = this.chainCount[slot];
    if (k === MAX_CHAINS) return;
    if (k === this.chainEnd[slot].length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.chainStart[slot] = grow(this.chainStart[slot]);
      this.chainEnd[slot] = grow(this.chainEnd[slot]);
    }
    this.chainStart[slot][k] = start;
    this.chainEnd[slot][k] = end;
    this.chainCount[slot] = k + 1;
  }

  /**
   * Whether a match (list, start, end) is new: one hit per list and span, as for plain phrases
   * (nesting checks rely on it). A plain phrase of that list and span ends in this state too.
   */
  private once(list: number, start: number, end: number, state: number): boolean {
    for (let j = this.outStart[state]; j < this.outStart[state + 1]; j++)
      if (this.outValue[j] === list && this.outLength[j] === end - start) return false;
    if (end !== this.atEnd) {
      this.atEnd = end;
      this.atCount = 0;
    } else
      for (let k = 0; k < this.atCount; k++)
        if (this.atList[k] === list && this.atStart[k] === start) return false;
    if (this.atCount < MAX_AT_END) {
      this.atList[this.atCount] = list;
      this.atStart[this.atCount++] = start;
    }
    return true;
  }
}
