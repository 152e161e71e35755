import type {
  Finding,
  GradeBand,
  ManualAnswer,
  Outcome,
  ScorecardDefinition,
  SectionScore,
} from '../types';

export interface ItemOutcome {
  itemId: string;
  sectionId: string;
  points: number;
  critical: boolean;
  /** undefined: a manual item nobody has answered yet (left out). */
  outcome: Outcome | undefined;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The band with the highest min not above the score (the lowest band if none); no sorting. */
export function gradeFor(score: number, bands: GradeBand[]): string {
  let best: GradeBand | undefined;
  let lowest: GradeBand | undefined;
  for (const b of bands) {
    if (b.min <= score && (!best || b.min > best.min)) best = b;
    if (!lowest || b.min < lowest.min) lowest = b;
  }
  return (best ?? lowest)?.grade ?? '';
}

/**
 * Section score = weight × earned / applicable points. Not-applicable and unanswered items are
 * left out; a section with nothing applicable hands its weight to the others in proportion.
 * A failed critical item zeroes the total.
 */
export function aggregateScore(def: ScorecardDefinition, outcomes: ItemOutcome[]) {
  const per = new Map(def.sections.map((s) => [s.id, { earned: 0, possible: 0 }]));
  let criticalFailed = false;
  for (const o of outcomes) {
    const acc = per.get(o.sectionId);
    if (!acc || o.outcome === undefined || o.outcome === 'not_applicable') continue;
    const points = Math.max(0, Number.isFinite(o.points) ? o.points : 0);
    acc.possible += points;
    if (o.outcome === 'pass') acc.earned += points;
    else if (o.critical) criticalFailed = true;
  }
  const applicableWeight = def.sections.reduce(
    (w, s) => w + (per.get(s.id)!.possible > 0 ? s.weight : 0),
    0,
  );
  const totalWeight = def.sections.reduce((w, s) => w + s.weight, 0);
  const scale = applicableWeight > 0 ? totalWeight / applicableWeight : 0;
  const sections: SectionScore[] = def.sections.map((s) => {
    const { earned, possible } = per.get(s.id)!;
    const weight = possible > 0 ? s.weight * scale : 0;
    return {
      sectionId: s.id,
      name: s.name,
      weight: round1(weight),
      score: possible > 0 ? round1((weight * earned) / possible) : 0,
    };
  });
  const raw = applicableWeight > 0 ? sections.reduce((sum, s) => sum + s.score, 0) : 100;
  const score = criticalFailed ? 0 : Math.min(100, Math.max(0, round1(raw)));
  return { score, grade: gradeFor(score, def.gradeBands), sections, criticalFailed };
}

/** Applies a person's answers and overrides on top of the engine's findings (the review loop). */
export function applyManualAnswers(
  def: ScorecardDefinition,
  findings: Finding[],
  answers: ManualAnswer[],
): ReturnType<typeof aggregateScore> & { outcomes: ItemOutcome[] } {
  const byItem = new Map(answers.map((a) => [a.itemId, a.outcome]));
  const auto = new Map(findings.map((f) => [f.itemId, f.outcome]));
  const outcomes: ItemOutcome[] = def.items.map((item) => ({
    itemId: item.id,
    sectionId: item.sectionId,
    points: item.points,
    critical: item.critical === true,
    outcome: byItem.get(item.id) ?? auto.get(item.id),
  }));
  return { ...aggregateScore(def, outcomes), outcomes };
}
