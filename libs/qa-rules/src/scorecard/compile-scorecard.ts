import { PhraseAutomaton } from '../automaton/aho-corasick';
import { LiteralScanner } from '../automaton/literal-scanner';
import { RULES, RuleFn } from '../rules/rule-registry';
import type { ScorecardDefinition, ScorecardItem } from '../types';

export interface CompiledItem {
  item: ScorecardItem;
  sectionName: string;
  rule?: RuleFn;
  /** List name → index, with the item's `params.lists` renaming applied. */
  lists: Record<string, number>;
}

/** Both report every occurrence of every phrase; Aho–Corasick is the faster here (npm run bench). */
export type PhraseScanner = PhraseAutomaton | LiteralScanner;
export type ScannerKind = 'regexp' | 'aho-corasick';

export interface CompiledScorecard {
  definition: ScorecardDefinition;
  automaton: PhraseScanner;
  /** For each pattern, the list indexes it belongs to (a phrase may sit in several lists). */
  patternLists: number[][];
  listIndex: ReadonlyMap<string, number>;
  listCount: number;
  /** List name → index without renaming (complaint detection, metrics). */
  defaultLists: Record<string, number>;
  items: CompiledItem[];
}

/** One automaton over every phrase list of the scorecard: one pass per segment feeds all rules. */
export function compileScorecard(
  definition: ScorecardDefinition,
  scanner: ScannerKind = 'aho-corasick',
): CompiledScorecard {
  const listIndex = new Map<string, number>();
  const patternId = new Map<string, number>();
  const patterns: string[] = [];
  const patternLists: number[][] = [];
  for (const [name, phrases] of Object.entries(definition.phraseLists ?? {})) {
    const li = listIndex.size;
    listIndex.set(name, li);
    for (const phrase of Array.isArray(phrases) ? phrases : []) {
      if (typeof phrase !== 'string' || phrase.length === 0) continue;
      let id = patternId.get(phrase);
      if (id === undefined) {
        id = patterns.length;
        patterns.push(phrase);
        patternLists.push([]);
        patternId.set(phrase, id);
      }
      if (!patternLists[id].includes(li)) patternLists[id].push(li);
    }
  }
  const sections = new Map(definition.sections.map((s) => [s.id, s.name]));
  return {
    definition,
    automaton:
      scanner === 'aho-corasick' ? new PhraseAutomaton(patterns) : new LiteralScanner(patterns),
    patternLists,
    listIndex,
    listCount: listIndex.size,
    defaultLists: resolveLists(listIndex),
    items: definition.items.map((item) => ({
      item,
      sectionName: sections.get(item.sectionId) ?? item.sectionId,
      rule: item.kind === 'auto' && item.ruleId ? RULES[item.ruleId] : undefined,
      lists: resolveLists(listIndex, item),
    })),
  };
}

export function resolveLists(
  listIndex: ReadonlyMap<string, number>,
  item?: ScorecardItem,
): Record<string, number> {
  const lists: Record<string, number> = Object.fromEntries(listIndex);
  const renamed = (item?.params?.lists ?? {}) as Record<string, unknown>;
  for (const [name, target] of Object.entries(renamed)) {
    const id = typeof target === 'string' ? listIndex.get(target) : undefined;
    if (id !== undefined) lists[name] = id;
  }
  return lists;
}

const CACHE_SIZE = 256;
const cache = new Map<string, CompiledScorecard>();

/** Compiled scorecards cached by `id@version` (versions are immutable), least recently used out. */
export function getCompiledScorecard(definition: ScorecardDefinition): CompiledScorecard {
  const key = `${definition.id}@${definition.version}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const compiled = compileScorecard(definition);
  cache.set(key, compiled);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return compiled;
}
