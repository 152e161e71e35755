import type { PhraseAutomaton } from '../automaton/phrase-automaton';
import { MAX_ITEMS } from '../limits/engine-limits';
import { resetExpressionBudget } from '../rules/phrase-expression';
import { RULES } from '../rules/rule-registry';
import type { RuleDefinition } from '../rules/rule-definition';
import type { ScoringBasis } from '../types/evaluation.types';
import type {
  PhraseLists,
  ScorecardDefinition,
  ScorecardItem,
  ScorecardValidationError,
} from '../types/scorecard.types';
import { PatternSet } from './pattern-set';
import { COMPLAINT_PHRASES } from './phrases/complaint-phrases';

export interface CompiledItem {
  item: ScorecardItem;
  id: string;
  ruleId: string;
  sectionIndex: number;
  sectionId: string;
  sectionName: string;
  points: number;
  critical: boolean;
  /** null for manual items (and automatic ones naming no known rule: left pending). */
  rule: RuleDefinition<unknown> | null;
  config: unknown;
}

export interface CompiledScorecard {
  /** `${id}@${version}` */
  key: string;
  id: string;
  version: number;
  definition: ScorecardDefinition;
  automaton: PhraseAutomaton;
  /** List id → name (item lists are `itemId/name`). */
  listNames: string[];
  items: CompiledItem[];
  /** Item index → section index (-1: no such section). */
  sectionOf: Int32Array;
  sections: { id: string; name: string; weight: number }[];
  complaintList: number;
  complaintExceptions: number;
  /** Problems found while compiling (unknown lists, bad params); the rest still runs. */
  issues: ScorecardValidationError[];
  basis: ScoringBasis;
  /**
   * The same basis unfrozen, for the engine's own reads on every call (V8 reads properties of
   * frozen objects several times slower); never handed out.
   */
  scoring: ScoringBasis;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const finiteOr = (v: unknown, fallback: number) =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;

/**
 * Compiles a scorecard once: one automaton over every phrase list of the scorecard and its items,
 * each rule's params read once. Never throws; whatever it could not use is in `issues`.
 */
export function compileScorecard(definition: ScorecardDefinition): CompiledScorecard {
  const def = (isObject(definition) ? definition : {}) as Partial<ScorecardDefinition>;
  const issues: ScorecardValidationError[] = [];
  const set = new PatternSet(def.synonyms, issues);
  const global = new Map<string, number>();
  const shared: PhraseLists = isObject(def.phraseLists) ? def.phraseLists : {};
  for (const [name, phrases] of Object.entries(shared))
    global.set(name, set.addList(name, phrases, `phraseLists.${name}`));
  const rawItems = Array.isArray(def.items) ? def.items.filter(isObject).slice(0, MAX_ITEMS) : [];
  resetExpressionBudget();
  const local = rawItems.map((item, i) => {
    const own = new Map<string, number>();
    const phrases = isObject(item.phrases) ? item.phrases : {};
    for (const [name, list] of Object.entries(phrases)) {
      const id = set.addList(`${String(item.id)}/${name}`, list, `items.${i}.phrases.${name}`);
      own.set(name, id);
      if (!global.has(name)) global.set(name, id);
    }
    return own;
  });
  // Complaint detection feeds the complaint workflow even when a scorecard forgets the keywords.
  for (const [name, phrases] of Object.entries(COMPLAINT_PHRASES)) {
    if (!global.has(name)) global.set(name, set.addList(name, phrases, `(built-in ${name})`));
  }
  const rawSections = Array.isArray(def.sections) ? def.sections.filter(isObject) : [];
  const sections = rawSections.map((s) => ({
    id: String(s.id),
    name: String(s.name ?? s.id),
    weight: Math.max(0, finiteOr(s.weight, 0)),
  }));
  const sectionIndex = new Map(sections.map((s, i) => [s.id, i]));
  const items = rawItems.map((item, i): CompiledItem => {
    const resolve = (name: string) => local[i].get(name) ?? global.get(name) ?? -1;
    const rule = item.kind === 'auto' ? (RULES.get(String(item.ruleId)) ?? null) : null;
    const itemIssues: ScorecardValidationError[] = [];
    let config: unknown = null;
    if (rule) {
      try {
        config = rule.configure(isObject(item.params) ? item.params : {}, resolve, itemIssues);
      } catch {
        itemIssues.push({ path: 'params', message: `${rule.id} cannot read these params` });
      }
      for (const list of rule.requiredLists) {
        if (resolve(list) < 0) {
          itemIssues.push({
            path: 'phrases',
            message: `${rule.id} needs a phrase list named ${list}`,
          });
        }
      }
    }
    for (const e of itemIssues) issues.push({ path: `items.${i}.${e.path}`, message: e.message });
    const si = sectionIndex.get(String(item.sectionId)) ?? -1;
    return {
      item,
      id: String(item.id),
      ruleId: String(item.ruleId ?? ''),
      sectionIndex: si,
      sectionId: String(item.sectionId),
      sectionName: si >= 0 ? sections[si].name : String(item.sectionId),
      points: Math.max(0, finiteOr(item.points, 0)),
      critical: item.critical === true,
      rule,
      config,
    };
  });
  const version = finiteOr(def.version, 0);
  return {
    key: `${String(def.id)}@${version}`,
    id: String(def.id),
    version,
    definition: definition,
    // A match reports the lists its phrase is in: rules read hits by list.
    automaton: set.build(),
    listNames: set.listNames,
    items,
    sectionOf: Int32Array.from(items, (c) => c.sectionIndex),
    sections,
    complaintList: global.get('complaint') ?? -1,
    complaintExceptions: global.get('complaintExceptions') ?? -1,
    issues,
    // Shared by every result of this scorecard: frozen so no caller can change another's.
    basis: deepFreeze(scoringBasis(def, sections, items)),
    scoring: scoringBasis(def, sections, items),
  };
}

function scoringBasis(
  def: Partial<ScorecardDefinition>,
  sections: CompiledScorecard['sections'],
  items: CompiledItem[],
): ScoringBasis {
  return {
    sections: sections.map((s) => ({ ...s })),
    gradeBands: (Array.isArray(def.gradeBands) ? def.gradeBands.filter(isObject) : []).map((b) => ({
      min: finiteOr(b.min, 0),
      grade: String(b.grade),
    })),
    items: items.map((c) => ({
      itemId: c.id,
      sectionId: c.sectionId,
      points: c.points,
      critical: c.critical,
    })),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
