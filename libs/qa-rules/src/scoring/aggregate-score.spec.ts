import { defaultScorecard } from '../scorecard/default-scorecard';
import type { ScoringBasis } from '../types/evaluation.types';
import { aggregateScore } from './aggregate-score';
import { gradeFor } from './grade-for';

const basis: ScoringBasis = {
  sections: [
    { id: 'a', name: 'A', weight: 60 },
    { id: 'b', name: 'B', weight: 40 },
  ],
  gradeBands: defaultScorecard().gradeBands,
  items: [
    { itemId: 'a1', sectionId: 'a', points: 10, critical: false },
    { itemId: 'a2', sectionId: 'a', points: 30, critical: false },
    { itemId: 'b1', sectionId: 'b', points: 10, critical: true },
    { itemId: 'b2', sectionId: 'b', points: 10, critical: false },
  ],
};

describe(aggregateScore.name, () => {
  it('scores each section as weight × earned / applicable points', () => {
    const r = aggregateScore(basis, ['pass', 'fail', 'pass', 'fail']);
    expect(r.sections).toEqual([
      { sectionId: 'a', name: 'A', weight: 60, score: 15 },
      { sectionId: 'b', name: 'B', weight: 40, score: 20 },
    ]);
    expect(r).toMatchObject({ score: 35, grade: '不及格', scored: true, criticalFailed: false });
  });

  it('leaves not-applicable and unanswered items out of their section', () => {
    const r = aggregateScore(basis, ['pass', 'not_applicable', 'pass', undefined]);
    expect(r.sections.map((s) => s.score)).toEqual([60, 40]);
    expect(r.score).toBe(100);
  });

  it('hands the weight of a section with nothing applicable to the others in proportion', () => {
    const three: ScoringBasis = {
      ...basis,
      sections: [
        { id: 'a', name: 'A', weight: 50 },
        { id: 'b', name: 'B', weight: 30 },
        { id: 'c', name: 'C', weight: 20 },
      ],
      items: [
        { itemId: 'a1', sectionId: 'a', points: 10, critical: false },
        { itemId: 'b1', sectionId: 'b', points: 10, critical: false },
        { itemId: 'c1', sectionId: 'c', points: 10, critical: false },
      ],
    };
    const r = aggregateScore(three, ['pass', 'fail', 'not_applicable']);
    expect(r.sections.map((s) => [s.weight, s.score])).toEqual([
      [62.5, 62.5],
      [37.5, 0],
      [0, 0],
    ]);
    expect(r.score).toBe(62.5);
  });

  it('zeroes the score when a critical item fails', () => {
    const r = aggregateScore(basis, ['pass', 'pass', 'fail', 'pass']);
    expect(r).toMatchObject({ score: 0, criticalFailed: true, grade: '不及格' });
    expect(r.sections.map((s) => s.score)).toEqual([60, 20]);
  });

  it('rounds to one decimal', () => {
    const odd: ScoringBasis = {
      ...basis,
      items: [
        { itemId: 'a1', sectionId: 'a', points: 1, critical: false },
        { itemId: 'a2', sectionId: 'a', points: 2, critical: false },
        { itemId: 'b2', sectionId: 'b', points: 3, critical: false },
      ],
    };
    expect(aggregateScore(odd, ['pass', 'fail', 'pass']).score).toBe(60);
    expect(aggregateScore(odd, ['fail', 'pass', 'pass']).score).toBe(80);
    expect(aggregateScore(odd, ['pass', 'fail', 'fail']).score).toBe(20);
    const third: ScoringBasis = { ...odd, sections: [{ id: 'a', name: 'A', weight: 100 }] };
    expect(aggregateScore(third, ['pass', 'fail']).score).toBe(33.3);
  });

  it('is 100 and not scored when nothing applies', () => {
    expect(
      aggregateScore(basis, ['not_applicable', undefined, undefined, undefined]),
    ).toMatchObject({
      score: 100,
      scored: false,
    });
  });
});

describe(gradeFor.name, () => {
  it('uses the seed bands: 90 最佳, 80 优秀, 70 良好, 60 及格, below 不及格', () => {
    const bands = defaultScorecard().gradeBands;
    expect([100, 90, 89.9, 80, 79.9, 70, 69.9, 60, 59.9, 0].map((s) => gradeFor(s, bands))).toEqual(
      ['最佳', '最佳', '优秀', '优秀', '良好', '良好', '及格', '及格', '不及格', '不及格'],
    );
  });
});
