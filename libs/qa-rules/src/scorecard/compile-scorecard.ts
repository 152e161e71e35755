import { PhraseAutomaton } from '../automaton/aho-corasick';
import { RULES, RuleFn } from '../rules/rule-registry';
import type { ScorecardDefinition, ScorecardItem } from '../types';

export interface CompiledItem {
  item: ScorecardItem;
  sectionName: string;
  rule?: RuleFn;
}

export interface CompiledScorecard {
  definition: ScorecardDefinition;
  automaton: PhraseAutomaton;
  /** For each pattern, the list indexes it belongs to (a phrase may sit in several lists). */
  patternLists: number[][];
  listIndex: ReadonlyMap<string, number>;
  listCount: number;
  items: CompiledItem[];
}

/** One automaton over every phrase list of the scorecard: one pass per segment feeds all rules. */
export function compileScorecard(definition: ScorecardDefinition): CompiledScorecard {
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
    automaton: new PhraseAutomaton(patterns),
    patternLists,
    listIndex,
    listCount: listIndex.size,
    items: definition.items.map((item) => ({
      item,
      sectionName: sections.get(item.sectionId) ?? item.sectionId,
      rule: item.kind === 'auto' && item.ruleId ? RULES[item.ruleId] : undefined,
    })),
  };
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
