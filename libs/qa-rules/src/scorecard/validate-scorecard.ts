import { RULES } from '../rules/rule-registry';
import type { ScorecardDefinition } from '../types';

export interface ScorecardValidationError {
  path: string;
  message: string;
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Every reason a scorecard cannot be saved, with the path of the offending field. */
export function validateScorecard(input: unknown): ScorecardValidationError[] {
  const errors: ScorecardValidationError[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });
  if (!input || typeof input !== 'object')
    return [{ path: '', message: 'a scorecard must be an object' }];
  const def = input as Partial<ScorecardDefinition>;
  if (!isText(def.name)) add('name', 'name is required');
  const sections = Array.isArray(def.sections) ? def.sections : [];
  if (sections.length === 0) add('sections', 'at least one section is required');
  const sectionIds = new Set<string>();
  sections.forEach((s, i) => {
    if (!isText(s?.id)) add(`sections.${i}.id`, 'id is required');
    else if (sectionIds.has(s.id)) add(`sections.${i}.id`, `duplicate section id ${s.id}`);
    else sectionIds.add(s.id);
    if (!isText(s?.name)) add(`sections.${i}.name`, 'name is required');
    if (!(typeof s?.weight === 'number' && s.weight > 0))
      add(`sections.${i}.weight`, 'weight must be a positive number');
  });
  const total = sections.reduce((w, s) => w + (typeof s?.weight === 'number' ? s.weight : 0), 0);
  if (sections.length > 0 && Math.abs(total - 100) > 1e-9)
    add('sections', `section weights must sum to 100 (got ${total})`);
  const lists = def.phraseLists && typeof def.phraseLists === 'object' ? def.phraseLists : {};
  for (const [name, phrases] of Object.entries(lists)) {
    if (!Array.isArray(phrases)) add(`phraseLists.${name}`, 'must be a list of phrases');
    else
      phrases.forEach(
        (p, i) => !isText(p) && add(`phraseLists.${name}.${i}`, 'must be a non-empty string'),
      );
  }
  const items = Array.isArray(def.items) ? def.items : [];
  if (items.length === 0) add('items', 'at least one item is required');
  const itemIds = new Set<string>();
  items.forEach((it, i) => {
    const p = `items.${i}`;
    if (!isText(it?.id)) add(`${p}.id`, 'id is required');
    else if (itemIds.has(it.id)) add(`${p}.id`, `duplicate item id ${it.id}`);
    else itemIds.add(it.id);
    if (!sectionIds.has(it?.sectionId))
      add(`${p}.sectionId`, `unknown section ${String(it?.sectionId)}`);
    if (!(typeof it?.points === 'number' && it.points > 0))
      add(`${p}.points`, 'points must be a positive number');
    if (it?.kind === 'auto') {
      if (!isText(it.ruleId) || !(it.ruleId in RULES))
        add(`${p}.ruleId`, `unknown rule ${String(it.ruleId)}`);
      const renamed = (it.params?.lists ?? {}) as Record<string, unknown>;
      for (const [k, v] of Object.entries(renamed)) {
        if (typeof v !== 'string' || !(v in lists))
          add(`${p}.params.lists.${k}`, `no phrase list named ${String(v)}`);
      }
      if (it.ruleId === 'custom.phrase' && !it.params?.expr)
        add(`${p}.params.expr`, 'custom.phrase needs an expression');
    } else if (it?.kind === 'manual') {
      if (!isText(it.question)) add(`${p}.question`, 'a manual item needs a question');
    } else {
      add(`${p}.kind`, 'kind must be auto or manual');
    }
  });
  const bands = Array.isArray(def.gradeBands) ? def.gradeBands : [];
  if (bands.length === 0) add('gradeBands', 'at least one grade band is required');
  bands.forEach((b, i) => {
    if (!(typeof b?.min === 'number' && b.min >= 0 && b.min <= 100))
      add(`gradeBands.${i}.min`, 'min must be 0..100');
    if (!isText(b?.grade)) add(`gradeBands.${i}.grade`, 'grade is required');
  });
  if (bands.length > 0 && !bands.some((b) => b?.min === 0))
    add('gradeBands', 'one band must start at 0 so every score has a grade');
  return errors;
}
