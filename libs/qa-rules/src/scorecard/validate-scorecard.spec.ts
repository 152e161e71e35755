import { DEFAULT_RULE_IDS } from '../rules/rule-registry';
import { defaultScorecard } from './default-scorecard';
import { validateScorecard } from './validate-scorecard';

const paths = (card: unknown) => validateScorecard(card).map((e) => e.path);

describe(validateScorecard.name, () => {
  it('accepts the default scorecard, which uses every default rule', () => {
    const card = defaultScorecard();
    expect(validateScorecard(card)).toEqual([]);
    expect(new Set(card.items.map((i) => i.ruleId).filter(Boolean))).toEqual(
      new Set(DEFAULT_RULE_IDS),
    );
  });

  it('requires weights summing to 100 and positive', () => {
    const card = defaultScorecard();
    card.sections[0].weight = 50;
    card.sections[1].weight = -1;
    expect(paths(card)).toEqual(expect.arrayContaining(['sections', 'sections.1.weight']));
  });

  it('requires unique ids, known rules, existing sections and positive points', () => {
    const card = defaultScorecard();
    card.items[0].ruleId = 'no.such.rule';
    card.items[1].sectionId = 'nowhere';
    card.items[2].points = 0;
    card.items.push({ ...card.items[3] });
    card.sections.push({ id: 'etiquette', name: '重复', weight: 0 });
    expect(paths(card)).toEqual(
      expect.arrayContaining([
        'items.0.ruleId',
        'items.1.sectionId',
        'items.2.points',
        `items.${card.items.length - 1}.id`,
        'sections.4.id',
      ]),
    );
  });

  it('accepts needsHumanReview on automatic items only, as a boolean', () => {
    const card = defaultScorecard();
    const manual = card.items.findIndex((i) => i.kind === 'manual');
    const auto = card.items.findIndex((i) => i.kind === 'auto');
    card.items[auto].needsHumanReview = true;
    expect(validateScorecard(card)).toEqual([]);
    card.items[manual].needsHumanReview = true;
    (card.items[auto] as { needsHumanReview?: unknown }).needsHumanReview = 'yes';
    expect(paths(card)).toEqual(
      [`items.${auto}.needsHumanReview`, `items.${manual}.needsHumanReview`].sort(
        (a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]),
      ),
    );
  });

  it('requires grade bands that cover 0..100 without two starting at the same score', () => {
    const card = defaultScorecard();
    card.gradeBands = [
      { min: 60, grade: '及格' },
      { min: 60, grade: '又及格' },
      { min: 120, grade: '超' },
    ];
    expect(paths(card)).toEqual(['gradeBands.1.min', 'gradeBands.2.min', 'gradeBands']);
  });

  it('requires non-empty phrase lists of non-empty strings', () => {
    const card = defaultScorecard();
    const forbidden = card.items[5].phrases!.forbidden;
    const n = forbidden.length;
    forbidden.push('', ' 不知道', '不知道');
    card.items[5].phrases!.extra = [];
    card.phraseLists = { complaint: [7 as unknown as string] };
    expect(paths(card)).toEqual([
      `items.5.phrases.forbidden.${n}`,
      `items.5.phrases.forbidden.${n + 1}`,
      `items.5.phrases.forbidden.${n + 2}`,
      'items.5.phrases.extra',
      'phraseLists.complaint.0',
    ]);
  });

  it('explains a bad phrase pattern and a bad synonym set, with their paths', () => {
    const card = defaultScorecard();
    card.phraseLists = { ...card.phraseLists, polite: ['还有…<帮>您', '(请问|麻烦问一下还有'] };
    card.synonyms = { ...card.synonyms, 帮: ['帮', '帮助'], 空: [] };
    expect(validateScorecard(card)).toEqual([
      { path: 'synonyms.空', message: expect.stringMatching(/^must be a non-empty list/) },
      {
        path: 'phraseLists.polite.1',
        message: '(请问|麻烦问一下还有 is not a valid pattern: the ( at 1 is never closed',
      },
    ]);
    card.phraseLists.polite = ['还有…<帮助>您'];
    expect(validateScorecard(card)).toContainEqual({
      path: 'phraseLists.polite.0',
      message: '还有…<帮助>您 is not a valid pattern: no synonym set named 帮助 (at character 4)',
    });
  });

  it('names phrase lists a rule needs but cannot find, and bad rule params', () => {
    const card = defaultScorecard();
    delete card.items[0].phrases;
    card.items[4].params = { gapSeconds: -3 };
    expect(validateScorecard(card)).toEqual([
      { path: 'items.0.phrases', message: 'greeting.opening needs a phrase list named greeting' },
      { path: 'items.4.params.gapSeconds', message: 'gapSeconds must be a number in 1..3600' },
    ]);
  });

  it('needs a question for manual items, and refuses what is not a scorecard', () => {
    const card = defaultScorecard();
    card.items.push({ id: 'm', sectionId: 'resolution', kind: 'manual', points: 5 });
    expect(paths(card)).toEqual([`items.${card.items.length - 1}.question`]);
    expect(paths(null)).toEqual(['']);
    expect(paths({})).toEqual(
      expect.arrayContaining(['id', 'version', 'name', 'sections', 'items', 'gradeBands']),
    );
  });
});
