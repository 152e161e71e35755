import {
  MAX_ITEMS,
  MAX_PHRASE_LENGTH,
  MAX_PHRASES_PER_LIST,
  MAX_PHRASES_PER_SCORECARD,
} from '../limits/engine-limits';
import { RULES } from '../rules/rule-registry';
import type { ScorecardDefinition, ScorecardValidationError } from '../types/scorecard.types';
import { compileScorecard } from './compile-scorecard';

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);
const isPositive = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v > 0;

/** Phrases in a scorecard's lists, over all of them (checked against maxPhrasesPerScorecard). */
interface PhraseCount {
  total: number;
}

function checkPhraseLists(
  v: unknown,
  path: string,
  add: (p: string, m: string) => void,
  count: PhraseCount,
): void {
  if (v === undefined) return;
  if (!isObject(v)) return add(path, 'must map list names to lists of phrases');
  for (const [name, phrases] of Object.entries(v)) {
    if (!isText(name)) add(path, 'list names must be non-empty');
    if (!Array.isArray(phrases) || phrases.length === 0) {
      add(`${path}.${name}`, 'must be a non-empty list of phrases');
      continue;
    }
    count.total += phrases.length;
    if (phrases.length > MAX_PHRASES_PER_LIST) {
      add(
        `${path}.${name}`,
        `has ${phrases.length} phrases; a list may have at most ${MAX_PHRASES_PER_LIST} (limit maxPhrasesPerList)`,
      );
      continue;
    }
    const seen = new Set<string>();
    phrases.forEach((p, i) => {
      if (!isText(p) || p !== p.trim())
        add(`${path}.${name}.${i}`, 'must be a non-empty string without surrounding spaces');
      else if (p.length > MAX_PHRASE_LENGTH)
        add(
          `${path}.${name}.${i}`,
          `is ${p.length} characters; a phrase may have at most ${MAX_PHRASE_LENGTH} (limit maxPhraseLength)`,
        );
      else if (seen.has(p)) add(`${path}.${name}.${i}`, `duplicate phrase ${p}`);
      else seen.add(p);
    });
  }
}

function checkSections(def: Record<string, unknown>, add: (p: string, m: string) => void) {
  const sections = Array.isArray(def.sections) ? def.sections : [];
  if (sections.length === 0) add('sections', 'at least one section is required');
  const ids = new Set<string>();
  let total = 0;
  sections.forEach((s: unknown, i) => {
    const sec = isObject(s) ? s : {};
    if (!isText(sec.id)) add(`sections.${i}.id`, 'id is required');
    else if (ids.has(sec.id)) add(`sections.${i}.id`, `duplicate section id ${sec.id}`);
    else ids.add(sec.id);
    if (!isText(sec.name)) add(`sections.${i}.name`, 'name is required');
    if (!isPositive(sec.weight)) add(`sections.${i}.weight`, 'weight must be a positive number');
    else total += sec.weight;
  });
  if (sections.length > 0 && Math.abs(total - 100) > 1e-9) {
    add('sections', `section weights must sum to 100 (they sum to ${total})`);
  }
  return ids;
}

function checkItems(
  def: Record<string, unknown>,
  sectionIds: Set<string>,
  add: (p: string, m: string) => void,
  count: PhraseCount,
) {
  const items = Array.isArray(def.items) ? def.items : [];
  if (items.length === 0) add('items', 'at least one item is required');
  if (items.length > MAX_ITEMS)
    return add(
      'items',
      `has ${items.length} items; a scorecard may have at most ${MAX_ITEMS} (limit maxItems)`,
    );
  const ids = new Set<string>();
  const used = new Set<string>();
  items.forEach((raw: unknown, i) => {
    const p = `items.${i}`;
    if (!isObject(raw)) return add(p, 'must be an object');
    if (!isText(raw.id)) add(`${p}.id`, 'id is required');
    else if (ids.has(raw.id)) add(`${p}.id`, `duplicate item id ${raw.id}`);
    else ids.add(raw.id);
    if (!sectionIds.has(raw.sectionId as string))
      add(`${p}.sectionId`, `no section ${String(raw.sectionId)}`);
    else used.add(raw.sectionId as string);
    if (!isPositive(raw.points)) add(`${p}.points`, 'points must be a positive number');
    if (raw.critical !== undefined && typeof raw.critical !== 'boolean')
      add(`${p}.critical`, 'critical must be true or false');
    if (raw.needsHumanReview !== undefined && typeof raw.needsHumanReview !== 'boolean')
      add(`${p}.needsHumanReview`, 'needsHumanReview must be true or false');
    else if (raw.needsHumanReview === true && raw.kind === 'manual')
      add(`${p}.needsHumanReview`, 'only automatic items can need human review');
    if (raw.params !== undefined && !isObject(raw.params))
      add(`${p}.params`, 'params must be an object');
    checkPhraseLists(raw.phrases, `${p}.phrases`, add, count);
    if (raw.kind === 'auto') {
      if (!RULES.has(raw.ruleId as string))
        add(`${p}.ruleId`, `unknown rule ${String(raw.ruleId)}`);
    } else if (raw.kind === 'manual') {
      if (!isText(raw.question)) add(`${p}.question`, 'a manual item needs a question');
      if (raw.ruleId !== undefined) add(`${p}.ruleId`, 'a manual item has no rule');
    } else add(`${p}.kind`, 'kind must be auto or manual');
  });
  for (const id of sectionIds) if (!used.has(id)) add('sections', `section ${id} has no items`);
}

function checkGradeBands(def: Record<string, unknown>, add: (p: string, m: string) => void) {
  const bands = Array.isArray(def.gradeBands) ? def.gradeBands : [];
  if (bands.length === 0) return add('gradeBands', 'at least one grade band is required');
  const mins = new Set<number>();
  bands.forEach((b: unknown, i) => {
    const band = isObject(b) ? b : {};
    const min = band.min;
    if (!(typeof min === 'number' && Number.isFinite(min) && min >= 0 && min <= 100))
      add(`gradeBands.${i}.min`, 'min must be a number in 0..100');
    else if (mins.has(min)) add(`gradeBands.${i}.min`, `two bands start at ${min}`);
    else mins.add(min);
    if (!isText(band.grade)) add(`gradeBands.${i}.grade`, 'grade is required');
  });
  if (!mins.has(0))
    add('gradeBands', 'one band must start at 0 so every score from 0 to 100 has a grade');
}

/**
 * Every reason a scorecard cannot be saved, each with the path of the offending field: weights,
 * unique ids, known rules, existing sections, grade bands covering 0..100, phrase lists, the lists
 * and params each rule needs, and the engine's limits (ENGINE_LIMITS). An empty list means the
 * scorecard is valid.
 */
export function validateScorecard(input: unknown): ScorecardValidationError[] {
  const errors: ScorecardValidationError[] = [];
  const add = (path: string, message: string) => void errors.push({ path, message });
  if (!isObject(input)) return [{ path: '', message: 'a scorecard must be an object' }];
  if (!isText(input.id)) add('id', 'id is required');
  if (!(typeof input.version === 'number' && Number.isInteger(input.version) && input.version >= 1))
    add('version', 'version must be a whole number ≥ 1');
  if (!isText(input.name)) add('name', 'name is required');
  const sectionIds = checkSections(input, add);
  const phrases: PhraseCount = { total: 0 };
  checkItems(input, sectionIds, add, phrases);
  checkGradeBands(input, add);
  checkPhraseLists(input.phraseLists, 'phraseLists', add, phrases);
  if (phrases.total > MAX_PHRASES_PER_SCORECARD)
    add(
      'phraseLists',
      `the scorecard's lists have ${phrases.total} phrases in all; at most ${MAX_PHRASES_PER_SCORECARD} (limit maxPhrasesPerScorecard)`,
    );
  // What only compiling shows: lists a rule needs but cannot find, params out of range.
  for (const e of compileScorecard(input as unknown as ScorecardDefinition).issues) errors.push(e);
  return errors;
}
