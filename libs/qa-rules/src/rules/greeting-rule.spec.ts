import { buildCall, CLOSING, COMPANY, OPENING, verdict } from '../../test/support/call-builder';
import { greetingRule } from './greeting-rule';

const rule = greetingRule.id;
const opening = (...turns: ['a' | 'c', string][]) => buildCall([...turns, ['a', CLOSING]]);

describe(greetingRule.id, () => {
  it('passes 您好 with the company name and cites both', () => {
    expect(verdict(rule, opening(['a', OPENING]))).toEqual({
      outcome: 'pass',
      evidence: ['您好', COMPANY],
    });
  });

  it('accepts 工号 or 很高兴为您服务 as identification when the company is not named', () => {
    expect(verdict(rule, opening(['a', '您好,工号3301为您服务'])).outcome).toBe('pass');
    expect(verdict(rule, opening(['a', '你好,很高兴为您服务'])).outcome).toBe('pass');
  });

  it('fails a bare 喂 or a greeting without identification', () => {
    expect(verdict(rule, opening(['a', '喂,说吧'])).outcome).toBe('fail');
    expect(verdict(rule, opening(['a', '您好,请讲'])).outcome).toBe('fail');
  });

  it('recognises the company written in traditional characters', () => {
    const airline = { companyName: '云翔航空', secondsPerRing: 3 };
    expect(verdict(rule, opening(['a', '您好,雲翔航空,請問有什麼可以幫您']), airline)).toEqual({
      outcome: 'pass',
      evidence: ['您好', '雲翔航空'],
    });
    expect(verdict(rule, opening(['a', '您好,雲翔旅行社']), airline).outcome).toBe('fail');
  });

  it('looks at the first agent turn even when the customer spoke first', () => {
    expect(verdict(rule, opening(['c', '喂?'], ['a', OPENING])).outcome).toBe('pass');
  });

  it('takes a greeting split over consecutive agent turns, but not one after the customer spoke', () => {
    expect(verdict(rule, opening(['a', '您好'], ['a', `${COMPANY}客服中心`])).outcome).toBe('pass');
    expect(verdict(rule, opening(['a', '喂'], ['c', '你好'], ['a', OPENING])).outcome).toBe('fail');
  });

  it('is not applicable to outbound calls or when the agent never spoke', () => {
    expect(verdict(rule, buildCall([['a', '喂']], { direction: 'outbound' })).outcome).toBe(
      'not_applicable',
    );
    expect(verdict(rule, buildCall([['c', '喂?有人吗']])).outcome).toBe('not_applicable');
  });
});
