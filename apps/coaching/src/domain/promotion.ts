import type { FieldError } from '@qa/platform';
import type { KpiAttainment, KpiFigure } from './kpi-attainment';
import type { Band } from './monthly-appraisal';

/**
 * The internal promotion round (竞聘, seed 004): who may stand (grade, consecutive appraisal
 * results, no major incident) and a weighted model over the written test, the training-call
 * (mock service) score, CSAT, training attendance and KPI attainment. Pure: no I/O.
 */
export const FACTORS = [
  'writtenTest',
  'trainingCallScore',
  'csat',
  'attendance',
  'kpiAttainment',
] as const;
export type Factor = (typeof FACTORS)[number];
export type Weights = Record<Factor, number>;

/** Each factor on 0–100 and what the raw figure is. */
export const FACTOR_SCALES: Record<Factor, { raw: string; toPoints: (raw: number) => number }> = {
  writtenTest: { raw: 'written test score, 0–100', toPoints: (x) => x },
  trainingCallScore: {
    raw: 'mean QA score of training calls (模拟通话), 0–100',
    toPoints: (x) => x,
  },
  csat: { raw: 'mean post-call survey, 1–5 (× 20)', toPoints: (x) => x * 20 },
  attendance: { raw: 'training attendance rate, 0–1 (× 100)', toPoints: (x) => x * 100 },
  kpiAttainment: {
    raw: 'KPI attainment: share of the monthly KPI figures with a target that met it, 0–100',
    toPoints: (x) => Math.min(100, x),
  },
};

/** The KPI attainment a candidate is ranked on: derived from KPI events unless entered by hand. */
export interface KpiAttainmentInput {
  /** derived: from the KPI figures; entered: a hand-entered override; none: neither. */
  source: 'derived' | 'entered' | 'none';
  derived: number | null;
  entered: number | null;
  onTarget: number;
  withTarget: number;
  figures: KpiFigure[];
}

export function kpiAttainmentInput(
  derived: KpiAttainment,
  entered: number | null,
): KpiAttainmentInput {
  return {
    source: entered !== null ? 'entered' : derived.attainment !== null ? 'derived' : 'none',
    derived: derived.attainment,
    entered,
    onTarget: derived.onTarget,
    withTarget: derived.withTarget,
    figures: derived.figures,
  };
}

/** The figure ranked on: the override if any, else the derived share (null: none). */
export const kpiAttainmentRaw = (k: KpiAttainmentInput) => k.entered ?? k.derived;

const BAND_ORDER: Band[] = ['fail', 'pass', 'good', 'excellent', 'best'];

export interface Eligibility {
  /** The least grade (客服专员 level, e.g. 2 for Ⅱ级). */
  minGrade: number;
  /** The last N appraisal months … */
  consecutiveMonths: number;
  /** … each at least this band. */
  minBand: Band;
  /** No major service incident on record. */
  noMajorIncident: boolean;
}

export interface CandidateInput {
  agentId: string;
  grade: number;
  majorIncident: boolean;
  /** Appraisal bands, the latest month first (null: no appraisal that month). */
  bands: (Band | null)[];
  /** Raw figures; null when there is none (it then scores 0, and says so). */
  raw: Record<Factor, number | null>;
  /** How raw.kpiAttainment came about, shown beside it. */
  kpi: KpiAttainmentInput;
}

export interface FactorLine {
  raw: number | null;
  points: number;
  weight: number;
  /** points × weight ÷ 100 */
  weighted: number;
}

export interface RankedCandidate {
  rank: number | null;
  agentId: string;
  eligible: boolean;
  reasons: string[];
  grade: number;
  majorIncident: boolean;
  bands: (Band | null)[];
  factors: Record<Factor, FactorLine>;
  kpi: KpiAttainmentInput;
  total: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Weights must be numbers ≥ 0 over the five factors and sum to 100. */
export function validateWeights(w: Partial<Record<string, unknown>>): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of Object.keys(w))
    if (!(FACTORS as readonly string[]).includes(key))
      errors.push({
        path: `weights.${key}`,
        message: `not a factor; the factors are ${FACTORS.join(', ')}`,
      });
  for (const f of FACTORS) {
    const v = w[f];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      errors.push({ path: `weights.${f}`, message: 'a number ≥ 0' });
  }
  if (!errors.length) {
    const sum = round2(FACTORS.reduce((s, f) => s + (w[f] as number), 0));
    if (sum !== 100)
      errors.push({ path: 'weights', message: `the weights must sum to 100 (they sum to ${sum})` });
  }
  return errors;
}

/** Why a candidate may not stand; empty when they may. */
export function ineligibility(c: CandidateInput, e: Eligibility): string[] {
  const reasons: string[] = [];
  if (c.grade < e.minGrade) reasons.push(`grade ${c.grade} is below ${e.minGrade}`);
  const recent = c.bands.slice(0, e.consecutiveMonths);
  const min = BAND_ORDER.indexOf(e.minBand);
  const short =
    recent.length < e.consecutiveMonths ||
    recent.some((b) => b === null || BAND_ORDER.indexOf(b) < min);
  if (e.consecutiveMonths > 0 && short)
    reasons.push(
      `not ${e.minBand} or better in each of the last ${e.consecutiveMonths} appraisals (${recent.map((b) => b ?? 'none').join(', ') || 'none'})`,
    );
  if (e.noMajorIncident && c.majorIncident) reasons.push('a major service incident on record');
  return reasons;
}

/** Eligible candidates by total (ties by agent id), then the ineligible with their reasons. */
export function rankCandidates(
  candidates: readonly CandidateInput[],
  w: Weights,
  e: Eligibility,
): RankedCandidate[] {
  const scored = candidates.map((c) => {
    const factors = Object.fromEntries(
      FACTORS.map((f) => {
        const raw = c.raw[f];
        const points = raw === null ? 0 : round2(Math.max(0, FACTOR_SCALES[f].toPoints(raw)));
        return [f, { raw, points, weight: w[f], weighted: round2((points * w[f]) / 100) }];
      }),
    ) as Record<Factor, FactorLine>;
    const reasons = ineligibility(c, e);
    return {
      rank: null as number | null,
      agentId: c.agentId,
      eligible: reasons.length === 0,
      reasons,
      grade: c.grade,
      majorIncident: c.majorIncident,
      bands: c.bands,
      factors,
      kpi: c.kpi,
      total: round2(FACTORS.reduce((s, f) => s + (factors[f].points * w[f]) / 100, 0)),
    };
  });
  const order = (a: RankedCandidate, b: RankedCandidate) =>
    Number(b.eligible) - Number(a.eligible) ||
    b.total - a.total ||
    a.agentId.localeCompare(b.agentId);
  scored.sort(order);
  let rank = 0;
  for (const s of scored) if (s.eligible) s.rank = ++rank;
  return scored;
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading =, +, - or @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const KPI_COLUMNS = [
  'kpiAttainment.source',
  'kpiAttainment.derived',
  'kpiAttainment.entered',
  'kpiAttainment.onTarget',
  'kpiAttainment.withTarget',
  'kpiAttainment.figures',
];

const figureText = (f: KpiFigure) =>
  `${f.month} ${f.kpi} ${f.value} vs ${f.target} ${f.onTarget ? 'on' : 'off'}`;

/** The ranking as CSV, every input and weight in its own column. */
export function rankingCsv(rows: readonly RankedCandidate[]): string {
  const head = [
    'rank',
    'agentId',
    'eligible',
    'reasons',
    'grade',
    'majorIncident',
    'bands',
    ...FACTORS.flatMap((f) => [`${f}.raw`, `${f}.points`, `${f}.weight`, `${f}.weighted`]),
    ...KPI_COLUMNS,
    'total',
  ];
  const lines = rows.map((r) => [
    r.rank,
    r.agentId,
    r.eligible,
    r.reasons.join('; '),
    r.grade,
    r.majorIncident,
    r.bands.map((b) => b ?? 'none').join(' '),
    ...FACTORS.flatMap((f) => [
      r.factors[f].raw,
      r.factors[f].points,
      r.factors[f].weight,
      r.factors[f].weighted,
    ]),
    r.kpi.source,
    r.kpi.derived,
    r.kpi.entered,
    r.kpi.onTarget,
    r.kpi.withTarget,
    r.kpi.figures.map(figureText).join('; '),
    r.total,
  ]);
  return [head, ...lines].map((l) => l.map(csvCell).join(',')).join('\n') + '\n';
}
