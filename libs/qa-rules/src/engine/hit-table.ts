import type { PhraseAutomaton, TextsSink } from '../automaton/phrase-automaton';
import { ENGINE_LIMITS } from '../limits/engine-limits';

// Read once: under the CommonJS build an imported binding is a getter call on every use.
const MAX_CHARS_PER_CALL = ENGINE_LIMITS.maxCharsPerCall;
const MAX_HITS_PER_CALL = ENGINE_LIMITS.maxHitsPerCall;
const MAX_HITS_PER_SEGMENT = ENGINE_LIMITS.maxHitsPerSegment;

const NONE = 0x7fffffff;
/** Segments with at most this many hits answer by a walk (the usual case: no index to build). */
const WALK_LIMIT = 32;

/**
 * Phrase hits of one call, by list, from the single automaton pass: flat typed arrays reused from
 * call to call, in segment order with a range per segment. Within a segment hits come by end
 * (the scan's order), and for one end longest first (the automaton's output closure order).
 *
 * Coverage and nesting questions (is this hit inside a hit of that list?) walk the segment's hits
 * when it has few. In a segment with many (nested phrases over a long text made that walk
 * quadratic), they use an index built on the first such question of a call: hits grouped by list
 * in hit order, with the smallest start of every suffix of a (list, segment) run, so each answer
 * is a binary search.
 */
export class HitTable implements TextsSink {
  count = 0;
  list = new Int32Array(256);
  start = new Int32Array(256);
  end = new Int32Array(256);
  segment = new Int32Array(256);
  /** Whether a limit cut hits or characters off this call. */
  truncated = false;
  /**
   * Counted work of this call, the measure of the bounds (no clock): characters scanned, the most
   * hits kept in one segment, and probes — hits looked at or binary-search steps taken to answer
   * nesting and coverage questions, plus hits sorted into the index.
   */
  scanned = 0;
  maxSegmentHits = 0;
  probes = 0;
  private segFirst = new Int32Array(65);
  private currentSegment = 0;
  private hitLimit = 0;
  /** While filling: characters the call may still have scanned, and the segments to skip. */
  private charsLeft = 0;
  private skip: Uint8Array = new Uint8Array(0);
  private maxList = -1;
  private indexed = false;
  /** Hit ids grouped by list (hit order inside a group); a group's range is listFirst[l..l+1). */
  private byList = new Int32Array(256);
  /** Per byList position: the smallest start from there to the end of its (list, segment) run. */
  private suffixMinStart = new Int32Array(256);
  private listFirst = new Int32Array(64);
  private cursor = new Int32Array(64);

  /**
   * Scans texts[0..count), skipping flagged ones, within the per-segment and per-call hit limits
   * and the per-call character limit: one scanTexts() pass, which asks open() about each segment.
   */
  fill(a: PhraseAutomaton, texts: readonly string[], count: number, skip: Uint8Array): void {
    this.count = 0;
    this.truncated = false;
    this.scanned = 0;
    this.maxSegmentHits = 0;
    this.probes = 0;
    this.indexed = false;
    this.maxList = -1;
    if (this.segFirst.length < count + 1) this.segFirst = new Int32Array(count + 1);
    this.charsLeft = MAX_CHARS_PER_CALL;
    this.skip = skip;
    a.scanTexts(texts, count, this);
    this.segFirst[count] = this.count;
  }

  /** TextsSink: segment k is next; how many of its characters may be scanned. */
  open(k: number, length: number): number {
    this.segFirst[k] = this.count;
    this.currentSegment = k;
    if (this.skip[k] !== 0) return 0;
    const chars = this.charsLeft;
    if (length > chars) this.truncated = true;
    if (chars <= 0) return 0;
    this.hitLimit = Math.min(this.count + MAX_HITS_PER_SEGMENT, MAX_HITS_PER_CALL);
    const n = Math.min(length, chars);
    this.scanned += n;
    this.charsLeft = chars - length;
    return n;
  }

  /** TextsSink: segment k is done. */
  close(k: number): void {
    const kept = this.count - this.segFirst[k];
    if (kept > this.maxSegmentHits) this.maxSegmentHits = kept;
  }

  /** MatchSink: records one hit of the segment being scanned; false once a hit limit is reached. */
  add(value: number, start: number, end: number): boolean {
    const h = this.count;
    if (h >= this.hitLimit) {
      this.truncated = true;
      return false;
    }
    if (h === this.list.length) this.grow();
    this.list[h] = value;
    this.start[h] = start;
    this.end[h] = end;
    this.segment[h] = this.currentSegment;
    if (value > this.maxList) this.maxList = value;
    this.count = h + 1;
    return true;
  }

  /** The list's hit in the segment that starts first (the longest of those), or -1. */
  first(list: number, segment: number): number {
    if (list < 0) return -1;
    const to = this.segFirst[segment + 1];
    this.probes += to - this.segFirst[segment];
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
    this.probes += to - this.segFirst[segment];
    let best = -1;
    for (let h = this.segFirst[segment]; h < to; h++) {
      if (this.list[h] !== list || this.coveredBy(h, exceptions)) continue;
      if (best < 0 || this.start[h] < this.start[best]) best = h;
    }
    return best;
  }

  /** Whether a hit of `list` in the same segment spans hit h (a polite form around a taboo word). */
  coveredBy(h: number, list: number): boolean {
    if (list < 0 || list > this.maxList) return false;
    const seg = this.segment[h];
    const s = this.start[h];
    const e = this.end[h];
    const from = this.segFirst[seg];
    const to = this.segFirst[seg + 1];
    if (to - from > WALK_LIMIT) return this.minStartFrom(list, seg, e) <= s;
    this.probes += to - from;
    for (let k = from; k < to; k++) {
      if (this.list[k] === list && this.start[k] <= s && this.end[k] >= e) return true;
    }
    return false;
  }

  /** Whether a longer hit of the same list spans hit h (12315 ⊃ 315): report each span once. */
  nested(h: number): boolean {
    const list = this.list[h];
    const seg = this.segment[h];
    const s = this.start[h];
    const e = this.end[h];
    const from = this.segFirst[seg];
    const to = this.segFirst[seg + 1];
    // A list never has two hits on one span (one pattern per text), so a spanning hit is longer
    // when it starts earlier, or starts at the same place and ends later.
    if (to - from > WALK_LIMIT)
      return this.minStartFrom(list, seg, e) < s || this.minStartFrom(list, seg, e + 1) <= s;
    this.probes += to - from;
    for (let k = from; k < to; k++) {
      if (k !== h && this.list[k] === list && this.start[k] <= s && this.end[k] >= e) return true;
    }
    return false;
  }

  /** Positions of the list's hits (hit order) run from listFrom(list) up to listTo(list). */
  listFrom(list: number): number {
    if (list < 0 || list > this.maxList) return 0;
    this.index();
    return this.listFirst[list];
  }

  listTo(list: number): number {
    if (list < 0 || list > this.maxList) return 0;
    this.index();
    return this.listFirst[list + 1];
  }

  /** The hit at a position between listFrom and listTo (indexes the call's hits if not yet). */
  hitAt(position: number): number {
    return this.byList[position];
  }

  /** The smallest start among hits of `list` in `segment` ending at or after `end`; NONE if none. */
  private minStartFrom(list: number, segment: number, end: number): number {
    this.index();
    const { byList, segment: seg, end: ends } = this;
    let lo = this.listFirst[list];
    const stop = this.listFirst[list + 1];
    let hi = stop;
    let steps = 1;
    while (lo < hi) {
      steps++;
      const mid = (lo + hi) >>> 1;
      const k = byList[mid];
      if (seg[k] < segment || (seg[k] === segment && ends[k] < end)) lo = mid + 1;
      else hi = mid;
    }
    this.probes += steps;
    return lo < stop && seg[byList[lo]] === segment ? this.suffixMinStart[lo] : NONE;
  }

  /** Counting sort of the hits by list (stable, so segment and end order hold inside a list). */
  private index(): void {
    if (this.indexed) return;
    this.indexed = true;
    const n = this.count;
    const lists = this.maxList + 1;
    this.probes += n + lists;
    if (this.listFirst.length < lists + 1) {
      this.listFirst = new Int32Array(lists + 1);
      this.cursor = new Int32Array(lists + 1);
    }
    if (this.byList.length < n) {
      this.byList = new Int32Array(this.list.length);
      this.suffixMinStart = new Int32Array(this.list.length);
    }
    const { listFirst, cursor, byList, suffixMinStart, list, start, segment } = this;
    listFirst.fill(0, 0, lists + 1);
    for (let h = 0; h < n; h++) listFirst[list[h] + 1]++;
    for (let l = 0; l < lists; l++) listFirst[l + 1] += listFirst[l];
    cursor.set(listFirst.subarray(0, lists));
    for (let h = 0; h < n; h++) byList[cursor[list[h]]++] = h;
    for (let p = n - 1; p >= 0; p--) {
      const h = byList[p];
      const next = p + 1 < n ? byList[p + 1] : -1;
      suffixMinStart[p] =
        next >= 0 && list[next] === list[h] && segment[next] === segment[h]
          ? Math.min(start[h], suffixMinStart[p + 1])
          : start[h];
    }
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
