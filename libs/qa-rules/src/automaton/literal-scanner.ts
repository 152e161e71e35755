const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reports every occurrence of every phrase, like Aho–Corasick, on top of V8's compiled regexp:
 * one alternation, longest phrase first, finds the longest phrase starting at each position; the
 * shorter phrases starting there are exactly its prefixes that are phrases too, precomputed here.
 * Restarting one code unit after each hit keeps the scan a single left-to-right pass.
 */
export class LiteralScanner {
  private readonly re: RegExp | null;
  private readonly idOf = new Map<string, number>();
  private readonly prefixes: number[][];
  readonly patternLengths: Int32Array;

  constructor(readonly patterns: readonly string[]) {
    this.patternLengths = Int32Array.from(patterns, (p) => p.length);
    patterns.forEach((p, i) => p.length > 0 && !this.idOf.has(p) && this.idOf.set(p, i));
    this.prefixes = patterns.map((p) => {
      const out: number[] = [];
      for (let len = p.length - 1; len >= 1; len--) {
        const id = this.idOf.get(p.slice(0, len));
        if (id !== undefined) out.push(id);
      }
      return out;
    });
    const sorted = [...this.idOf.keys()].sort((a, b) => b.length - a.length);
    this.re = sorted.length > 0 ? new RegExp(sorted.map(escape).join('|'), 'g') : null;
  }

  /** Calls `onMatch(patternId, endExclusive)` for every occurrence of every pattern. */
  scan(text: string, onMatch: (pattern: number, end: number) => void): void {
    const re = this.re;
    if (!re) return;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const id = this.idOf.get(m[0])!;
      onMatch(id, m.index + m[0].length);
      const pre = this.prefixes[id];
      for (let k = 0; k < pre.length; k++) onMatch(pre[k], m.index + this.patternLengths[pre[k]]);
      re.lastIndex = m.index + 1;
    }
  }
}
