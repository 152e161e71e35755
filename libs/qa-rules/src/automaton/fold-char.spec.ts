import { foldChar } from './fold-char';
import { PhraseAutomaton } from './phrase-automaton';

const fold = (s: string) => String.fromCharCode(...[...s].map((c) => foldChar(c.charCodeAt(0))));

describe('foldChar', () => {
  it('folds ASCII case, full-width forms and traditional characters', () => {
    expect(fold('ＡＰＰ App')).toBe('app app');
    expect(fold('１２３１５')).toBe('12315');
    expect(fold('謝謝您的來電,再見')).toBe('谢谢您的来电,再见');
    expect(fold('請問還有其他可以幫到您的嗎')).toBe('请问还有其他可以帮到您的吗');
  });

  it('leaves simplified text, and characters simplified text also uses, as they are', () => {
    const simplified = '您好,星河通信,很高兴为您服务,乾坤著名';
    expect(fold(simplified)).toBe(simplified);
  });

  it('lets a simplified phrase list match a traditional transcript at no extra cost', () => {
    const a = new PhraseAutomaton(['谢谢', '再见']);
    expect(a.matches('謝謝您的來電,再見')).toEqual([
      [0, 0, 2],
      [1, 7, 9],
    ]);
  });
});
