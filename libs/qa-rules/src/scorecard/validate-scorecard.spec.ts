import { defaultScorecard } from './default-scorecard';
import { validateScorecard } from './validate-scorecard';

describe(validateScorecard.name, () => {
  it('accepts the default scorecard', () => {
    expect(validateScorecard(defaultScorecard())).toEqual([]);
  });

  it('names every problem with its path', () => {
    const bad = defaultScorecard();
    bad.sections[0].weight = 50;
    bad.items[0].ruleId = 'no.such.rule';
    bad.items[1].sectionId = 'nowhere';
    bad.items.push({ ...bad.items[2] });
    bad.gradeBands = [{ min: 60, grade: '及格' }];
    bad.phraseLists.forbidden.push('');
    const paths = validateScorecard(bad).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'sections',
        'items.0.ruleId',
        'items.1.sectionId',
        `items.${bad.items.length - 1}.id`,
        'gradeBands',
        expect.stringMatching(/^phraseLists\.forbidden\.\d+$/),
      ]),
    );
  });

  it('refuses non-objects and manual items without a question', () => {
    expect(validateScorecard(null)).toHaveLength(1);
    const card = defaultScorecard();
    card.items.push({ id: 'm', sectionId: 'resolution', kind: 'manual', points: 5 });
    expect(validateScorecard(card).map((e) => e.path)).toContain(
      `items.${card.items.length - 1}.question`,
    );
  });
});
