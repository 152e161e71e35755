import { buildCall, CLOSING, OPENING, roles, verdict } from '../../test/support/call-builder';
import { interruptionRule } from './interruption-rule';

const rule = interruptionRule.id;

describe(interruptionRule.id, () => {
  it('passes turn-taking without overlap', () => {
    expect(
      verdict(
        rule,
        buildCall([
          ['a', OPENING],
          ['c', '查话费'],
          ['a', '好的'],
          ['a', CLOSING],
        ]),
      ).outcome,
    ).toBe('pass');
  });

  it('allows one interruption and fails the second', () => {
    const once = buildCall([
      ['a', OPENING, 0, 3],
      ['c', '我上个月的话费怎么扣了这么多,我都没用什么', 3.5, 10],
      ['a', '您是说上个月的话费是吧', 7, 9],
      ['a', CLOSING, 11, 14],
    ]);
    expect(verdict(rule, once)).toEqual({ outcome: 'pass', evidence: ['您是说上个月的话费是吧'] });
    const twice = buildCall([
      ['a', OPENING, 0, 3],
      ['c', '我上个月的话费怎么扣了这么多,我都没用什么', 3.5, 10],
      ['a', '您是说上个月的话费是吧', 7, 9],
      ['c', '对啊,而且前几个月也是这样,每次打电话都说', 10.5, 16],
      ['a', '我帮您查一下', 12, 13.5],
      ['a', CLOSING, 17, 20],
    ]);
    expect(verdict(rule, twice).outcome).toBe('fail');
    expect(roles(rule, twice)).toEqual([
      'match:您是说上个月的话费是吧',
      'match:我帮您查一下',
      'match:interruptions=2',
    ]);
  });

  it('does not count a short backchannel (嗯, 好的) under the customer', () => {
    const call = buildCall([
      ['a', OPENING, 0, 3],
      ['c', '我想问一下宽带续费的事情,就是我家那个两百兆的', 3.5, 11],
      ['a', '嗯', 6, 6.5],
      ['a', '好的', 8, 8.8],
      ['a', CLOSING, 12, 15],
    ]);
    expect(verdict(rule, call).outcome).toBe('pass');
  });

  it('is not applicable when one side never spoke', () => {
    expect(
      verdict(
        rule,
        buildCall([
          ['a', OPENING],
          ['a', CLOSING],
        ]),
      ).outcome,
    ).toBe('not_applicable');
  });
});
