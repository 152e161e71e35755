import { defaultScorecard } from '../scorecard/default-scorecard';
import type { ScorecardDefinition } from '../types';
import { aggregateScore, applyManualAnswers, gradeFor, ItemOutcome } from './aggregate-score';

const card = (): ScorecardDefinition => ({
  id: 't',
  version: 1,
  name: 't',
  sections: [
    { id: 'a', name: 'A', weight: 60 },
    { id: 'b', name: 'B', weight: 40 },
  ],
  items: [
    { id: 'a1', sectionId: 'a', kind: 'auto', ruleId: 'interruption', points: 10 },
    { id: 'a2', sectionId: 'a', kind: 'auto', ruleId: 'closing.farewell', points: 30 },
    {
      id: 'b1',
      sectionId: 'b',
      kind: 'auto',
      ruleId: 'forbidden.phrases',
      points: 10,
      critical: true,
    },
  ],
  gradeBands: defaultScorecard().gradeBands,
  phraseLists: {},
});

const o = (
  itemId: string,
  sectionId: string,
  points: number,
  outcome: ItemOutcome['outcome'],
  critical = false,
): ItemOutcome => ({
  itemId,
  sectionId,
  points,
  outcome,
  critical,
});

describe(aggregateScore.name, () => {
  it('weights sections by earned over applicable points', () => {
    const r = aggregateScore(card(), [
      o('a1', 'a', 10, 'pass'),
      o('a2', 'a', 30, 'fail'),
      o('b1', 'b', 10, 'pass'),
    ]);
    expect(r.sections).toEqual([
      { sectionId: 'a', name: 'A', weight: 60, score: 15 },
      { sectionId: 'b', name: 'B', weight: 40, score: 40 },
    ]);
    expect(r.score).toBe(55);
    expect(r.grade).toBe('不及格');
  });

  it('leaves not-applicable items out and re-weights an all-n/a section', () => {
    const r = aggregateScore(card(), [
      o('a1', 'a', 10, 'pass'),
      o('a2', 'a', 30, 'not_applicable'),
      o('b1', 'b', 10, 'not_applicable'),
    ]);
    expect(r.sections.map((s) => [s.weight, s.score])).toEqual([
      [100, 100],
      [0, 0],
    ]);
    expect(r.score).toBe(100);
  });

  it('zeroes the score when a critical item fails', () => {
    const r = aggregateScore(card(), [
      o('a1', 'a', 10, 'pass'),
      o('a2', 'a', 30, 'pass'),
      o('b1', 'b', 10, 'fail', true),
    ]);
    expect(r.criticalFailed).toBe(true);
    expect(r.score).toBe(0);
  });

  it('scores 100 when nothing applies (nothing to blame)', () => {
    expect(aggregateScore(card(), [o('a1', 'a', 10, undefined)]).score).toBe(100);
  });
});

describe(applyManualAnswers.name, () => {
  it('lets a person override an automatic finding', () => {
    const findings = [
      {
        ruleId: 'interruption',
        itemId: 'a1',
        section: 'A',
        outcome: 'fail' as const,
        critical: false,
        evidence: [],
        scorecardVersion: 1,
      },
      {
        ruleId: 'closing.farewell',
        itemId: 'a2',
        section: 'A',
        outcome: 'pass' as const,
        critical: false,
        evidence: [],
        scorecardVersion: 1,
      },
      {
        ruleId: 'forbidden.phrases',
        itemId: 'b1',
        section: 'B',
        outcome: 'pass' as const,
        critical: true,
        evidence: [],
        scorecardVersion: 1,
      },
    ];
    expect(applyManualAnswers(card(), findings, []).score).toBe(85);
    expect(
      applyManualAnswers(card(), findings, [
        { itemId: 'a1', outcome: 'pass', reason: 'ASR overlap' },
      ]).score,
    ).toBe(100);
  });
});

describe(gradeFor.name, () => {
  it('uses the seed bands: 90 最佳, 80 优秀, 70 良好, 60 及格, else 不及格', () => {
    const bands = defaultScorecard().gradeBands;
    expect([100, 90, 89.9, 80, 75, 60, 59.9, 0].map((s) => gradeFor(s, bands))).toEqual([
      '最佳',
      '最佳',
      '优秀',
      '优秀',
      '良好',
      '及格',
      '不及格',
      '不及格',
    ]);
  });
});
