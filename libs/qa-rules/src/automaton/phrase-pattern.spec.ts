import { isPattern, parsePattern } from './phrase-pattern';

const synonyms = (name: string) => ({ 帮: ['帮', '帮助', '协助'] })[name];

describe('parsePattern', () => {
  it('leaves plain phrases alone', () => {
    expect(isPattern('还有其他可以帮您')).toBe(false);
    expect(parsePattern('还有其他可以帮您', synonyms)).toEqual({
      parts: [['还有其他可以帮您']],
      gaps: [],
    });
  });

  it('expands alternatives, optional parts and synonym sets', () => {
    expect(parsePattern('(请问)?还有(其他|别的)问题', synonyms)).toEqual({
      parts: [['还有其他问题', '还有别的问题', '请问还有其他问题', '请问还有别的问题']],
      gaps: [],
    });
    expect(parsePattern('可以<帮>您', synonyms)).toEqual({
      parts: [['可以帮您', '可以帮助您', '可以协助您']],
      gaps: [],
    });
  });

  it('splits at gaps, with the default or a given width', () => {
    expect(parsePattern('还有…可以帮您', synonyms)).toEqual({
      parts: [['还有'], ['可以帮您']],
      gaps: [6],
    });
    expect(parsePattern('不知道您...{10}方便', synonyms)).toEqual({
      parts: [['不知道您'], ['方便']],
      gaps: [10],
    });
  });

  it('explains what is wrong with a bad pattern, and where', () => {
    expect(parsePattern('还有(其他|别的问题', synonyms)).toBe('the ( at 3 is never closed');
    expect(parsePattern('还有)问题', synonyms)).toMatch(/^unexpected \) .*at character 3/);
    expect(parsePattern('…帮您', synonyms)).toMatch(/may not be empty/);
    expect(parsePattern('还有…', synonyms)).toMatch(/needs words after it/);
    expect(parsePattern('(还有)?…帮您', synonyms)).toMatch(/wholly optional/);
    expect(parsePattern('还有<帮忙>', synonyms)).toMatch(/no synonym set named 帮忙/);
    expect(parsePattern('还有…{30}帮您', synonyms)).toMatch(/1 to 20 characters/);
    expect(parsePattern('(a|b)(c|d)(e|f)(g|h)(i|j)(k|l)(m|n)', synonyms)).toMatch(/more than 64/);
    expect(parsePattern('a…b…c…d…e', synonyms)).toMatch(/at most 3 gaps/);
    expect(parsePattern('(a…b)', synonyms)).toMatch(/inside parentheses/);
  });

  it('takes an escaped mark as the character', () => {
    expect(parsePattern('\\(注\\)', synonyms)).toEqual({ parts: [['(注)']], gaps: [] });
  });
});
