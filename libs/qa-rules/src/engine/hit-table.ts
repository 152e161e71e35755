import type { MatchSink, PhraseAutomaton } from '../automaton/phrase-automaton';

/**
 * Phrase hits of one call, by list, from the single automaton pass: flat typed arrays reused from
 * call to call, in segment order with a range per segment. A call has a few dozen hits, so rules
 * find a list's hits by reading them all rather than keeping an index per list.
 */
export class HitTable implements MatchSink {
  count = 0;
  list = new Int32Array(256);
  start = new Int32Array(256);
  end = new Int32Array(256);
  segment = new Int32Array(256);
  private segFirst = new Int32Array(65);
  private currentSegment = 0;

  /**
   * Scans texts[0..count), skipping flagged ones. (A copy of the automaton's dense loop used to be
   * inlined here; on Node 24 it measured no faster than calling scan(), so there is one loop.)
   */
  fill(a: PhraseAutomaton, texts: readonly string[], count: number, skip: Uint8Array): void {
    this.count = 0;
    if (this.segFirst.length < count + 1) this.segFirst = new Int32Array(count + 1);
    const segFirst = this.segFirst;
    for (let k = 0; k < count; k++) {
      segFirst[k] = this.count;
      this.currentSegment = k;
      if (skip[k] === 0) a.scan(texts[k], this);
    }
    segFirst[count] = this.count;
  }

  /** MatchSink: records one hit of the segment being scanned. */
  add(value: number, start: number, end: number): void {
    const h = this.count;
    if (h === this.list.length) this.grow();
    this.list[h] = value;
    this.start[h] = start;
    this.end[h] = end;
    this.segment[h] = this.currentSegment;
    this.count = h + 1;
  }

  /** The list's hit in the segment that starts first (the longest of those), or -1. */
  first(list: number, segment: number): number {
    if (list < 0) return -1;
    const to = this.segFirst[segment + 1];
    let best = -1;
    for (let h = this.segFirst[segment]; h < to; h++) {
      if (this.list[h] !== list) continue;
      if (best < 0 || this.start[h] < this.start[best]) best = h;
      else if (this.start[h] === this.start[best] && this.end[h] > this.end[best]) best = h;
    }
    return best;
  }

  /** Like first(), skipping hits that lie inside a hit of `exceptions`. */
  firstExcept(list: number, segment: number, exceptions: number): number {
    if (list < 0) return -1;
    const to = this.segFirst[segment + 1];
    let best = -1;
    for (let h = this.segFirst[segment]; h < to; h++) {
      if (this.list[h] !== list || this.coveredBy(h, exceptions)) continue;
      if (best < 0 || this.start[h] < this.start[best]) best = h;
    }
    return best;
  }

  /** Whether a hit of `list` in the same segment spans hit h (a polite form around a taboo word). */
  coveredBy(h: number, list: number): boolean {
    if (list < 0) return false;
    const to = this.segFirst[this.segment[h] + 1];
    const s = this.start[h];
    const e = this.end[h];
    for (let k = this.segFirst[this.segment[h]]; k < to; k++) {
      if (this.list[k] === list && this.start[k] <= s && this.end[k] >= e) return true;
    }
    return false;
  }

  /** Whether a longer hit of the same list spans hit h (12315 ⊃ 315): report each span once. */
  nested(h: number): boolean {
    const list = this.list[h];
    const to = this.segFirst[this.segment[h] + 1];
    const s = this.start[h];
    const e = this.end[h];
    for (let k = this.segFirst[this.segment[h]]; k < to; k++) {
      if (k !== h && this.list[k] === list && this.start[k] <= s && this.end[k] >= e) {
        if (this.end[k] - this.start[k] > e - s) return true;
      }
    }
    return false;
  }

  private grow(): void {
    const size = this.list.length * 2;
    const copy = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.list = copy(this.list);
    this.start = copy(this.start);
    this.end = copy(this.end);
    this.segment = copy(this.segment);
  }
}
