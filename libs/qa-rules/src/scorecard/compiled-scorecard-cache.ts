import type { ScorecardDefinition } from '../types/scorecard.types';
import { compileScorecard, CompiledScorecard } from './compile-scorecard';

/**
 * Two levels. Every tenant gets its own copy of the default card (a row id of its own), so keying
 * compiled cards by id@version alone would compile the same automaton once per tenant, and with
 * more tenants than entries recompile on every call (1.5 ms and 1.4 MB each for the default
 * card). Versions therefore map to a compiled core shared by every identical definition; the cores
 * are bounded by their size, the per-version entries (a few fields each) by count.
 */
const VERSION_CAPACITY = 4096;
const CORE_BUDGET_BYTES = 256 * 1024 * 1024;

const byVersion = new Map<string, CompiledScorecard>();
const cores = new Map<string, { compiled: CompiledScorecard; bytes: number }>();
let coreBytes = 0;

const touch = <K, V>(map: Map<K, V>, key: K, value: V) => {
  map.delete(key);
  map.set(key, value);
};

/**
 * The definition's content without its id and version (the text itself: a digest could collide
 * and score a call with another card); null if it cannot be serialised.
 */
function contentKey(definition: ScorecardDefinition): string | null {
  try {
    return JSON.stringify({ ...definition, id: undefined, version: undefined }) ?? null;
  } catch {
    return null;
  }
}

function sizeOf(c: CompiledScorecard): number {
  const a = c.automaton;
  return (
    a.classes.byteLength +
    a.table.byteLength +
    a.rootNext.byteLength +
    a.stateOfBase.byteLength +
    a.outStart.byteLength +
    a.outValue.byteLength +
    a.outLength.byteLength +
    // Sparse goto maps and the rest: a rough allowance per state.
    a.stateCount * 64
  );
}

function core(definition: ScorecardDefinition): CompiledScorecard {
  const key = contentKey(definition);
  const hit = key === null ? undefined : cores.get(key);
  if (hit) {
    touch(cores, key, hit);
    return hit.compiled;
  }
  const compiled = compileScorecard(definition);
  if (key === null) return compiled;
  const bytes = sizeOf(compiled);
  cores.set(key, { compiled, bytes });
  coreBytes += bytes;
  for (const [old, entry] of cores) {
    if (coreBytes <= CORE_BUDGET_BYTES || old === key) break;
    cores.delete(old);
    coreBytes -= entry.bytes;
  }
  return compiled;
}

/**
 * The compiled scorecard for a definition, compiled at most once per content (versions are
 * immutable: a change makes a new version) and answered from memory per `${id}@${version}`;
 * least recently used entries go first.
 */
export function getCompiledScorecard(definition: ScorecardDefinition): CompiledScorecard {
  const key = `${String(definition?.id)}@${String(definition?.version)}`;
  const hit = byVersion.get(key);
  if (hit) {
    touch(byVersion, key, hit);
    return hit;
  }
  const shared = core(definition);
  // Same normalisation as compileScorecard: a version that is not a finite number counts as 0.
  const v: unknown = definition?.version;
  const version = typeof v === 'number' && Number.isFinite(v) ? v : 0;
  const compiled: CompiledScorecard =
    shared.definition === definition
      ? shared
      : {
          ...shared,
          key: `${String(definition?.id)}@${version}`,
          id: String(definition?.id),
          version,
          definition,
        };
  byVersion.set(key, compiled);
  if (byVersion.size > VERSION_CAPACITY) byVersion.delete(byVersion.keys().next().value as string);
  return compiled;
}

/** For tests: how many versions and how many distinct compiled cores are held. */
export function compiledScorecardCacheSize(): { versions: number; cores: number; bytes: number } {
  return { versions: byVersion.size, cores: cores.size, bytes: coreBytes };
}
