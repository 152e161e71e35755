/**
 * A phrase in a list is a pattern: plain text matches itself, and a few marks let one entry cover
 * the ways people say it.
 *
 *   (请问|麻烦问一下)   alternatives            (您)?   an optional part
 *   <帮>               a synonym set by name   …  or ...   up to 6 other characters
 *   …{10}              up to 10 (at most 20)   \(      a literal mark
 *
 * A gap never spans the end of a sentence (。！？!?；;), so 不知道。您方便… is not 不知道您…方便.
 * Alternatives and synonym sets expand to plain phrases for the automaton; the parts between gaps
 * are matched there too, and joined after the scan of a segment (see PatternAutomaton).
 */
export interface ParsedPattern {
  /** The plain phrases each part between gaps expands to (one part: no gap). */
  parts: string[][];
  /** Most characters between part i and part i + 1. */
  gaps: number[];
}

export const DEFAULT_GAP = 6;
export const MAX_GAP = 20;
/** Plain phrases one part may expand to (alternatives multiply). */
export const MAX_EXPANSIONS = 64;
/** Parts a pattern may have. */
export const MAX_PARTS = 4;

/** Looks up a synonym set (its plain phrases) by name; undefined when there is none. */
export type SynonymLookup = (name: string) => readonly string[] | undefined;

const SPECIAL = '()|?<>…\\';

/** Whether the phrase uses any pattern mark (plain phrases skip the parser). */
export function isPattern(phrase: string): boolean {
  for (let i = 0; i < phrase.length; i++) if (SPECIAL.includes(phrase[i])) return true;
  return phrase.includes('...');
}

class PatternError extends Error {}

/** Parses and expands a pattern; a string is the reason it is not a valid one. */
export function parsePattern(source: string, synonyms: SynonymLookup): ParsedPattern | string {
  try {
    return new Parser(source, synonyms).pattern();
  } catch (e) {
    if (e instanceof PatternError) return e.message;
    throw e;
  }
}

class Parser {
  private i = 0;

  constructor(
    private readonly s: string,
    private readonly synonyms: SynonymLookup,
  ) {}

  pattern(): ParsedPattern {
    const parts: string[][] = [];
    const gaps: number[] = [];
    for (;;) {
      const part = this.sequence(0);
      if (part.some((p) => p.length === 0))
        throw this.error('a part between gaps may not be empty or wholly optional');
      parts.push(part);
      if (this.i >= this.s.length) break;
      gaps.push(this.gap());
      if (parts.length >= MAX_PARTS)
        throw new PatternError(`a pattern may have at most ${MAX_PARTS - 1} gaps`);
    }
    return { parts, gaps };
  }

  /** Items up to a gap, `|`, `)` or the end, expanded to plain phrases. */
  private sequence(depth: number): string[] {
    let out = [''];
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '…' || this.s.startsWith('...', this.i)) {
        if (depth > 0) throw this.error('a gap may not stand inside parentheses');
        break;
      }
      if (c === '|' || c === ')') {
        if (depth === 0) throw this.error(`unexpected ${c} (write \\${c} for the character)`);
        break;
      }
      let options: string[];
      if (c === '(') {
        this.i++;
        options = this.group(depth + 1);
        if (this.s[this.i] === '?') {
          this.i++;
          options = ['', ...options];
        }
      } else if (c === '<') options = this.synonym();
      else if (c === '?' || c === '>')
        throw this.error(`unexpected ${c} (write \\${c} for the character)`);
      else if (c === '\\') {
        if (this.i + 1 >= this.s.length) throw this.error('\\ at the end escapes nothing');
        options = [this.s[this.i + 1]];
        this.i += 2;
      } else {
        options = [c];
        this.i++;
      }
      const next: string[] = [];
      for (const a of out) for (const b of options) next.push(a + b);
      if (next.length > MAX_EXPANSIONS)
        throw this.error(`expands to more than ${MAX_EXPANSIONS} phrases; split it into several`);
      out = next;
    }
    return out;
  }

  private group(depth: number): string[] {
    const at = this.i - 1;
    const out: string[] = [];
    for (;;) {
      for (const p of this.sequence(depth)) if (!out.includes(p)) out.push(p);
      if (this.i >= this.s.length) throw new PatternError(`the ( at ${at + 1} is never closed`);
      if (this.s[this.i] === ')') {
        this.i++;
        return out;
      }
      this.i++; // '|'
    }
  }

  private synonym(): string[] {
    const close = this.s.indexOf('>', this.i);
    if (close < 0) throw this.error('< without > (write \\< for the character)');
    const name = this.s.slice(this.i + 1, close);
    const set = this.synonyms(name);
    if (!set || set.length === 0) throw this.error(`no synonym set named ${name}`);
    this.i = close + 1;
    return [...set];
  }

  private gap(): number {
    this.i += this.s[this.i] === '…' ? 1 : 3;
    let max = DEFAULT_GAP;
    const m = /^\{(\d{1,3})\}/.exec(this.s.slice(this.i, this.i + 5));
    if (m) {
      max = Number(m[1]);
      if (max < 1 || max > MAX_GAP) throw this.error(`a gap may be 1 to ${MAX_GAP} characters`);
      this.i += m[0].length;
    }
    if (this.i >= this.s.length) throw this.error('a gap needs words after it');
    return max;
  }

  private error(message: string): PatternError {
    return new PatternError(`${message} (at character ${this.i + 1})`);
  }
}
