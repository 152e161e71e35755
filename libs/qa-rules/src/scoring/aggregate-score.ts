import type { Outcome } from '../types/outcome.types';
import type { ScoringBasis, SectionScore } from '../types/evaluation.types';
import { gradeFor } from './grade-for';

export interface ScoreSummary {
  score: number;
  grade: string;
  scored: boolean;
  criticalFailed: boolean;
  sections: SectionScore[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

// Scratch per section, reused: scoring is synchronous and runs once per call.
let earned = new Float64Array(8);
let possible = new Float64Array(8);

/**
 * Section score = weight × earned / applicable points. Not-applicable and unanswered items are
 * left out; sections with nothing applicable hand their weight to the others in proportion.
 * A failed critical item zeroes the total. `outcomes[i]` belongs to `basis.items[i]`
 * (undefined: a manual item nobody has answered yet); `sectionOf[i]`, when the caller has it,
 * is the index of that item's section.
 */
export function aggregateScore(
  basis: ScoringBasis,
  outcomes: readonly (Outcome | undefined)[],
  sectionOf?: Int32Array,
): ScoreSummary {
  const sections = basis.sections;
  if (earned.length < sections.length) {
    earned = new Float64Array(sections.length);
    possible = new Float64Array(sections.length);
  }
  for (let s = 0; s < sections.length; s++) {
    earned[s] = 0;
    possible[s] = 0;
  }
  let criticalFailed = false;
  for (let i = 0; i < basis.items.length; i++) {
    const o = outcomes[i];
    if (o !== 'pass' && o !== 'fail') continue;
    const item = basis.items[i];
    if (o === 'fail' && item.critical) criticalFailed = true;
    let s = sectionOf ? sectionOf[i] : 0;
    if (!sectionOf) while (s < sections.length && sections[s].id !== item.sectionId) s++;
    if (s < 0 || s >= sections.length) continue;
    possible[s] += item.points;
    if (o === 'pass') earned[s] += item.points;
  }
  let applicableWeight = 0;
  let totalWeight = 0;
  for (let s = 0; s < sections.length; s++) {
    totalWeight += sections[s].weight;
    if (possible[s] > 0) applicableWeight += sections[s].weight;
  }
  const scale = applicableWeight > 0 ? totalWeight / applicableWeight : 0;
  const out: SectionScore[] = new Array(sections.length);
  let raw = 0;
  for (let s = 0; s < sections.length; s++) {
    const weight = possible[s] > 0 ? sections[s].weight * scale : 0;
    const score = possible[s] > 0 ? (weight * earned[s]) / possible[s] : 0;
    raw += score;
    out[s] = {
      sectionId: sections[s].id,
      name: sections[s].name,
      weight: round1(weight),
      score: round1(score),
    };
  }
  const scored = applicableWeight > 0;
  // Weights sum to 100 in a valid card; a card that does not is scored on its own total.
  const normalised = totalWeight > 0 ? (raw * 100) / totalWeight : 0;
  const score = !scored ? 100 : criticalFailed ? 0 : Math.min(100, Math.max(0, round1(normalised)));
  return { score, grade: gradeFor(score, basis.gradeBands), scored, criticalFailed, sections: out };
}
