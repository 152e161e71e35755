/**
 * Aho–Corasick over UTF-16 code units, built once per scorecard. Transitions live in one Map keyed
 * by state * 65536 + code unit (sparse: CJK alphabets are large); a dictionary-suffix link per state
 * makes reporting every overlapping match O(matches).
 */
export class PhraseAutomaton {
  private readonly next = new Map<number, number>();
  /** Root transitions as a dense table: most text characters are read from the root. */
  private readonly root = new Int32Array(65536).fill(-1);
  private readonly fail: Int32Array;
  /** Pattern ending exactly at a state, or -1. */
  private readonly out: Int32Array;
  /** Nearest state on the failure chain that ends a pattern, or -1. */
  private readonly dict: Int32Array;
  readonly patternLengths: Int32Array;

  constructor(readonly patterns: readonly string[]) {
    let states = 1;
    const outList: number[] = [-1];
    const lengths = new Int32Array(patterns.length);
    patterns.forEach((p, id) => {
      lengths[id] = p.length;
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const key = s * 65536 + p.charCodeAt(i);
        let t = this.next.get(key);
        if (t === undefined) {
          t = states++;
          this.next.set(key, t);
          outList.push(-1);
        }
        s = t;
      }
      if (p.length > 0 && outList[s] === -1) outList[s] = id;
    });
    this.patternLengths = lengths;
    this.out = Int32Array.from(outList);
    this.fail = new Int32Array(states);
    this.dict = new Int32Array(states).fill(-1);
    this.link(states);
    for (const [key, t] of this.next) if (key < 65536) this.root[key] = t;
  }

  private link(states: number): void {
    const children: number[][] = Array.from({ length: states }, () => []);
    const codes: number[][] = Array.from({ length: states }, () => []);
    for (const [key, t] of this.next) {
      const s = Math.floor(key / 65536);
      children[s].push(t);
      codes[s].push(key % 65536);
    }
    const queue: number[] = [...children[0]];
    for (const t of queue) this.fail[t] = 0;
    for (let qi = 0; qi < queue.length; qi++) {
      const s = queue[qi];
      const f = this.fail[s];
      this.dict[s] = this.out[f] >= 0 ? f : this.dict[f];
      children[s].forEach((t, i) => {
        const c = codes[s][i];
        let g = f;
        let target = this.next.get(g * 65536 + c);
        while (target === undefined && g !== 0) {
          g = this.fail[g];
          target = this.next.get(g * 65536 + c);
        }
        this.fail[t] = target !== undefined && target !== t ? target : 0;
        queue.push(t);
      });
    }
  }

  /** Calls `onMatch(patternId, endExclusive)` for every occurrence of every pattern. */
  scan(text: string, onMatch: (pattern: number, end: number) => void): void {
    const { next, fail, out, dict, root } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let t: number | undefined;
      while (s !== 0) {
        t = next.get(s * 65536 + c);
        if (t !== undefined) break;
        s = fail[s];
      }
      if (s === 0) {
        const r = root[c];
        t = r >= 0 ? r : 0;
      }
      s = t!;
      if (out[s] >= 0) onMatch(out[s], i + 1);
      for (let d = dict[s]; d >= 0; d = dict[d]) onMatch(out[d], i + 1);
    }
  }
}
