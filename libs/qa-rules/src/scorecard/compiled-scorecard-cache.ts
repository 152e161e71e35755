import type { ScorecardDefinition } from '../types/scorecard.types';
import { compileScorecard, CompiledScorecard } from './compile-scorecard';

/** A compiled default card with a 200-phrase list is about 1–2 MB; a few dozen versions are live. */
const CAPACITY = 32;
const cache = new Map<string, CompiledScorecard>();

/**
 * The compiled scorecard for a definition, compiled at most once per `${id}@${version}` (versions
 * are immutable: a change makes a new version); least recently used entries go first.
 */
export function getCompiledScorecard(definition: ScorecardDefinition): CompiledScorecard {
  const key = `${String(definition?.id)}@${String(definition?.version)}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const compiled = compileScorecard(definition);
  cache.set(key, compiled);
  if (cache.size > CAPACITY) cache.delete(cache.keys().next().value as string);
  return compiled;
}

/** For tests: how many compiled scorecards are held. */
export function compiledScorecardCacheSize(): number {
  return cache.size;
}
