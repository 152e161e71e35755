import { foldChar } from '../automaton/fold-char';
import { PhraseAutomaton } from '../automaton/phrase-automaton';
import {
  MAX_ITEMS,
  MAX_PHRASE_LENGTH,
  MAX_PHRASES_PER_LIST,
  MAX_PHRASES_PER_SCORECARD,
} from '../limits/engine-limits';
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
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const finiteOr = (v: unknown, fallback: number) =>
  typeof v === 'number' && Number.isFinite(v) ? v : fallback;

const fold = (s: string) => {
  let out = '';
  for (let i = 0; i < s.length; i++) out += String.fromCharCode(foldChar(s.charCodeAt(i)));
  return out;
};

/** Collects every phrase list into one pattern set: a phrase in several lists is one pattern. */
class PatternSet {
  readonly patterns: string[] = [];
  readonly listsOf: number[][] = [];
  readonly listNames: string[] = [];
  private readonly ids = new Map<string, number>();

  /** Phrases taken so far, counted per list (the limits cap what a stored card can cost). */
  private taken = 0;

  addList(name: string, phrases: unknown): number {
    const list = this.listNames.length;
    this.listNames.push(name);
    const all: unknown[] = Array.isArray(phrases) ? phrases : [];
    const room = Math.min(MAX_PHRASES_PER_LIST, MAX_PHRASES_PER_SCORECARD - this.taken);
    const take = all.length > room ? all.slice(0, Math.max(0, room)) : all;
    this.taken += take.length;
    for (const p of take) {
      if (typeof p !== 'string' || p.length === 0 || p.length > MAX_PHRASE_LENGTH) continue;
      const key = fold(p);
      let id = this.ids.get(key);
      if (id === undefined) {
        id = this.patterns.length;
        this.ids.set(key, id);
        this.patterns.push(p);
        this.listsOf.push([]);
      }
      if (!this.listsOf[id].includes(list)) this.listsOf[id].push(list);
    }
    return list;
  }
}

/**
 * Compiles a scorecard once: one automaton over every phrase list of the scorecard and its items,
 * each rule's params read once. Never throws; whatever it could not use is in `issues`.
 */
export function compileScorecard(definition: ScorecardDefinition): CompiledScorecard {
  const def = (isObject(definition) ? definition : {}) as Partial<ScorecardDefinition>;
  const issues: ScorecardValidationError[] = [];
  const set = new PatternSet();
  const global = new Map<string, number>();
  const shared: PhraseLists = isObject(def.phraseLists) ? def.phraseLists : {};
  for (const [name, phrases] of Object.entries(shared))
    global.set(name, set.addList(name, phrases));
  const rawItems = Array.isArray(def.items) ? def.items.filter(isObject).slice(0, MAX_ITEMS) : [];
  resetExpressionBudget();
  const local = rawItems.map((item) => {
    const own = new Map<string, number>();
    const phrases = isObject(item.phrases) ? item.phrases : {};
    for (const [name, list] of Object.entries(phrases)) {
      const id = set.addList(`${String(item.id)}/${name}`, list);
      own.set(name, id);
      if (!global.has(name)) global.set(name, id);
    }
    return own;
  });
  // Complaint detection feeds the complaint workflow even when a scorecard forgets the keywords.
  for (const [name, phrases] of Object.entries(COMPLAINT_PHRASES)) {
    if (!global.has(name)) global.set(name, set.addList(name, phrases));
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
    automaton: new PhraseAutomaton(set.patterns, { payloads: set.listsOf }),
    listNames: set.listNames,
    items,
    sectionOf: Int32Array.from(items, (c) => c.sectionIndex),
    sections,
    complaintList: global.get('complaint') ?? -1,
    complaintExceptions: global.get('complaintExceptions') ?? -1,
    issues,
    // Shared by every result of this scorecard: frozen so no caller can change another's.
    basis: deepFreeze({
      sections: sections.map((s) => ({ ...s })),
      gradeBands: (Array.isArray(def.gradeBands) ? def.gradeBands.filter(isObject) : []).map(
        (b) => ({ min: finiteOr(b.min, 0), grade: String(b.grade) }),
      ),
      items: items.map((c) => ({
        itemId: c.id,
        sectionId: c.sectionId,
        points: c.points,
        critical: c.critical,
      })),
    }),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
