import { foldChar } from '../automaton/fold-char';
import { type GapPattern, PatternAutomaton } from '../automaton/pattern-automaton';
import { isPattern, parsePattern } from '../automaton/phrase-pattern';
import {
  MAX_PHRASE_LENGTH,
  MAX_PHRASES_PER_LIST,
  MAX_PHRASES_PER_SCORECARD,
} from '../limits/engine-limits';
import type { ScorecardValidationError } from '../types/scorecard.types';

const fold = (s: string) => {
  let out = '';
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(foldChar(s.charCodeAt(i)));
  return out;
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Collects every phrase list into one pattern set: a phrase in several lists is one pattern.
 * Patterns (phrase-pattern.ts) expand to plain phrases; those with gaps become gap patterns whose
 * parts are phrases reporting a piece. What cannot be used is reported in `issues` and the rest
 * still runs (a phrase that is not a valid pattern is matched as plain text).
 */
export class PatternSet {
  readonly patterns: string[] = [];
  /** Per phrase: the lists (≥ 0) and pieces (-(piece + 1)) a match reports. */
  readonly payloadsOf: number[][] = [];
  readonly listNames: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly gapPatterns: GapPattern[] = [];
  private readonly gapIds = new Map<string, number>();
  private pieces = 0;
  private readonly synonyms = new Map<string, string[]>();
  /** Phrases taken so far, counted per list (the limits cap what a stored card can cost). */
  private taken = 0;

  constructor(
    synonyms: unknown,
    private readonly issues: ScorecardValidationError[],
  ) {
    if (synonyms === undefined) return;
    if (!isObject(synonyms)) {
      issues.push({ path: 'synonyms', message: 'must map set names to lists of words' });
      return;
    }
    for (const [name, words] of Object.entries(synonyms)) {
      const ok =
        Array.isArray(words) &&
        words.length > 0 &&
        words.length <= MAX_PHRASES_PER_LIST &&
        words.every(
          (w) =>
            typeof w === 'string' && w.length > 0 && w.length <= MAX_PHRASE_LENGTH && !isPattern(w),
        );
      if (ok) this.synonyms.set(name, words as string[]);
      else
        issues.push({
          path: `synonyms.${name}`,
          message: `must be a non-empty list of plain words (at most ${MAX_PHRASES_PER_LIST}, each at most ${MAX_PHRASE_LENGTH} characters, no pattern marks)`,
        });
    }
  }

  /** Adds a list (its phrases at `path`), returning its id. */
  addList(name: string, phrases: unknown, path: string): number {
    const list = this.listNames.length;
    this.listNames.push(name);
    const all: unknown[] = Array.isArray(phrases) ? phrases : [];
    const room = Math.min(MAX_PHRASES_PER_LIST, MAX_PHRASES_PER_SCORECARD - this.taken);
    const take = all.length > room ? all.slice(0, Math.max(0, room)) : all;
    this.taken += take.length;
    take.forEach((p, i) => {
      if (typeof p !== 'string' || p.length === 0 || p.length > MAX_PHRASE_LENGTH) return;
      if (!isPattern(p)) return this.addPhrase(p, list, path);
      const parsed = parsePattern(p, (n) => this.synonyms.get(n));
      if (typeof parsed === 'string') {
        this.issues.push({
          path: `${path}.${i}`,
          message: `${p} is not a valid pattern: ${parsed}`,
        });
        return this.addPhrase(p, list, path);
      }
      if (parsed.parts.length === 1) {
        for (const x of parsed.parts[0]) this.addPhrase(x, list, path);
        return;
      }
      const key = fold(p);
      let g = this.gapIds.get(key);
      if (g === undefined) {
        g = this.gapPatterns.length;
        this.gapIds.set(key, g);
        const pieces = parsed.parts.map((part) => {
          const piece = this.pieces++;
          for (const x of part) this.addPhrase(x, -(piece + 1), path);
          return piece;
        });
        this.gapPatterns.push({ pieces, gaps: parsed.gaps, lists: [] });
      }
      if (!this.gapPatterns[g].lists.includes(list)) this.gapPatterns[g].lists.push(list);
    });
    return list;
  }

  /** One automaton over everything added. */
  build(): PatternAutomaton {
    return new PatternAutomaton(this.patterns, this.gapPatterns, this.pieces, {
      payloads: this.payloadsOf,
    });
  }

  private addPhrase(phrase: string, payload: number, path: string): void {
    const key = fold(phrase);
    let id = this.ids.get(key);
    if (id === undefined) {
      // Expansions count against the scorecard's phrase limit too.
      if (this.patterns.length >= MAX_PHRASES_PER_SCORECARD) {
        this.issues.push({
          path,
          message: `the scorecard's phrases and patterns expand to more than ${MAX_PHRASES_PER_SCORECARD} phrases (limit maxPhrasesPerScorecard)`,
        });
        return;
      }
      id = this.patterns.length;
      this.ids.set(key, id);
      this.patterns.push(phrase);
      this.payloadsOf.push([]);
    }
    if (!this.payloadsOf[id].includes(payload)) this.payloadsOf[id].push(payload);
  }
}
