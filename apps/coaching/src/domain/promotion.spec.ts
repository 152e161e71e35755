import { kpiAttainment } from './kpi-attainment';
import {
  CandidateInput,
  Eligibility,
  kpiAttainmentInput,
  kpiAttainmentRaw,
  rankCandidates,
  rankingCsv,
  validateWeights,
  Weights,
} from './promotion';

const weights: Weights = {
  writtenTest: 30,
  trainingCallScore: 25,
  csat: 20,
  attendance: 10,
  kpiAttainment: 15,
};
const rules: Eligibility = {
  minGrade: 2,
  consecutiveMonths: 2,
  minBand: 'excellent',
  noMajorIncident: true,
};

const candidate = (agentId: string, over: Partial<CandidateInput> = {}): CandidateInput => ({
  agentId,
  grade: 2,
  majorIncident: false,
  bands: ['excellent', 'best', 'pass'],
  raw: { writtenTest: 80, trainingCallScore: 90, csat: 4.5, attendance: 1, kpiAttainment: 95 },
  kpi: kpiAttainmentInput(kpiAttainment([], { from: '2026-11', to: '2026-11' }), 95),
  ...over,
});

describe(validateWeights.name, () => {
  it('accepts five weights summing to 100', () => {
    expect(validateWeights(weights)).toEqual([]);
  });

  it('names the field when they do not sum to 100, or one is missing or unknown', () => {
    expect(validateWeights({ ...weights, csat: 25 })).toEqual([
      { path: 'weights', message: 'the weights must sum to 100 (they sum to 105)' },
    ]);
    const missing: Partial<Weights> = { ...weights };
    delete missing.attendance;
    expect(validateWeights({ ...missing, bonus: 10 }).map((e) => e.path)).toEqual([
      'weights.bonus',
      'weights.attendance',
    ]);
  });
});

describe(rankCandidates.name, () => {
  it('weights every input on 0–100 (hand-computed) and ranks the eligible first', () => {
    const [a, b, c, d] = rankCandidates(
      [
        // 80×.30 + 90×.25 + 90×.20 + 100×.10 + 95×.15 = 24 + 22.5 + 18 + 10 + 14.25 = 88.75
        candidate('a-1'),
        // 95×.30 + 70×.25 + 80×.20 + 80×.10 + 100×.15 (120 capped) = 28.5 + 17.5 + 16 + 8 + 15 = 85
        candidate('a-2', {
          raw: {
            writtenTest: 95,
            trainingCallScore: 70,
            csat: 4,
            attendance: 0.8,
            kpiAttainment: 120,
          },
        }),
        // highest total but a major incident: listed last, no rank
        candidate('a-3', {
          majorIncident: true,
          raw: {
            writtenTest: 100,
            trainingCallScore: 100,
            csat: 5,
            attendance: 1,
            kpiAttainment: 100,
          },
        }),
        // grade too low and a 及格 in the last two months; no training call: 0 points for it
        candidate('a-4', {
          grade: 1,
          bands: ['excellent', 'pass'],
          raw: {
            writtenTest: 60,
            trainingCallScore: null,
            csat: 3,
            attendance: 0.5,
            kpiAttainment: 50,
          },
        }),
      ],
      weights,
      rules,
    );
    expect([a.agentId, a.rank, a.total]).toEqual(['a-1', 1, 88.75]);
    expect(a.factors.csat).toEqual({ raw: 4.5, points: 90, weight: 20, weighted: 18 });
    expect([b.agentId, b.rank, b.total, b.factors.kpiAttainment.points]).toEqual([
      'a-2',
      2,
      85,
      100,
    ]);
    expect([c.agentId, c.rank, c.eligible, c.total]).toEqual(['a-3', null, false, 100]);
    expect(c.reasons).toEqual(['a major service incident on record']);
    // 60×.30 + 0 + 60×.20 + 50×.10 + 50×.15 = 18 + 12 + 5 + 7.5 = 42.5
    expect([d.agentId, d.rank, d.total, d.factors.trainingCallScore.raw]).toEqual([
      'a-4',
      null,
      42.5,
      null,
    ]);
    expect(d.reasons).toEqual([
      'grade 1 is below 2',
      'not excellent or better in each of the last 2 appraisals (excellent, pass)',
    ]);
  });

  it('exports every input and weight as CSV', () => {
    const csv = rankingCsv(
      rankCandidates([candidate('a-1'), candidate('=cmd', { grade: 1 })], weights, rules),
    );
    const [head, first, second] = csv.trim().split('\n');
    expect(head.split(',')).toContain('csat.weight');
    expect(first).toBe(
      '1,a-1,true,,2,false,excellent best pass,80,80,30,24,90,90,25,22.5,4.5,90,20,18,1,100,10,10,95,95,15,14.25,entered,,95,0,0,,88.75',
    );
    expect(second.startsWith(",'=cmd,false,grade 1 is below 2,")).toBe(true);
  });

  it('ranks on the derived KPI attainment unless one is entered, and exports its inputs', () => {
    const figures = ['2026-10', '2026-11'].flatMap((month) => [
      { month, kpi: 'complaintResolutionRate', value: 0.95, target: 0.92, onTarget: true },
      { month, kpi: 'ahtSeconds', value: 320, target: 300, onTarget: month === '2026-11' },
    ]);
    // 3 of the 4 figures with a target met it: 75 → 75 points × 15% = 11.25.
    const derived = kpiAttainmentInput(
      kpiAttainment(figures, { from: '2026-10', to: '2026-11' }),
      null,
    );
    expect(derived).toMatchObject({ source: 'derived', derived: 75, onTarget: 3, withTarget: 4 });
    expect(kpiAttainmentRaw(derived)).toBe(75);
    const none = kpiAttainmentInput(kpiAttainment([], { from: '2026-10', to: '2026-11' }), null);
    expect([none.source, kpiAttainmentRaw(none)]).toEqual(['none', null]);

    const withKpi = (agentId: string, kpi: typeof derived) =>
      candidate(agentId, {
        kpi,
        raw: { ...candidate(agentId).raw, kpiAttainment: kpiAttainmentRaw(kpi) },
      });
    const [a, b, c] = rankCandidates(
      [
        withKpi('a-1', derived),
        withKpi('a-2', none),
        withKpi(
          'a-3',
          kpiAttainmentInput(kpiAttainment(figures, { from: '2026-10', to: '2026-11' }), 40),
        ),
      ],
      weights,
      rules,
    );
    // 24 + 22.5 + 18 + 10 = 74.5 before KPI attainment.
    expect([a.agentId, a.factors.kpiAttainment, a.total]).toEqual([
      'a-1',
      { raw: 75, points: 75, weight: 15, weighted: 11.25 },
      85.75,
    ]);
    expect([b.agentId, b.kpi.source, b.kpi.derived, b.total]).toEqual(['a-3', 'entered', 75, 80.5]);
    expect([c.agentId, c.factors.kpiAttainment.raw, c.total]).toEqual(['a-2', null, 74.5]);

    const [head, first, , third] = rankingCsv([a, b, c]).trim().split('\n');
    const cols = head.split(',');
    const row = (line: string) => Object.fromEntries(line.split(',').map((v, i) => [cols[i], v]));
    expect(row(first)).toMatchObject({
      'kpiAttainment.raw': '75',
      'kpiAttainment.source': 'derived',
      'kpiAttainment.derived': '75',
      'kpiAttainment.entered': '',
      'kpiAttainment.onTarget': '3',
      'kpiAttainment.withTarget': '4',
      'kpiAttainment.figures':
        '2026-10 ahtSeconds 320 vs 300 off; 2026-10 complaintResolutionRate 0.95 vs 0.92 on; ' +
        '2026-11 ahtSeconds 320 vs 300 on; 2026-11 complaintResolutionRate 0.95 vs 0.92 on',
      total: '85.75',
    });
    expect(row(third)).toMatchObject({
      'kpiAttainment.raw': '',
      'kpiAttainment.source': 'none',
      'kpiAttainment.derived': '',
      'kpiAttainment.withTarget': '0',
    });
  });
});
