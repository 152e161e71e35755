import { buildCall, CLOSING, OPENING, roles, verdict, Turn } from '../../test/support/call-builder';
import { holdRule } from './hold-rule';

const rule = holdRule.id;
const withSilence = (before: Turn, after: Turn, gap = 20) => {
  const [bw, bt] = before;
  const [aw, at] = after;
  return buildCall([
    ['a', OPENING, 0, 3],
    ['c', '帮我查一下上个月的账单', 3.5, 6],
    [bw, bt, 6.5, 9],
    [aw, at, 9 + gap, 12 + gap],
    ['a', CLOSING, 13 + gap, 16 + gap],
  ]);
};

describe(holdRule.id, () => {
  it('passes an announced hold followed by thanks for waiting', () => {
    expect(
      verdict(rule, withSilence(['a', '好的,请您稍等'], ['a', '感谢您的耐心等待,查到了'])),
    ).toEqual({
      outcome: 'pass',
      evidence: ['稍等', '感谢您的耐心等待'],
    });
  });

  it('fails a silence that was not announced, or not thanked', () => {
    expect(verdict(rule, withSilence(['a', '好的'], ['a', '感谢您的耐心等待'])).outcome).toBe(
      'fail',
    );
    expect(verdict(rule, withSilence(['a', '请稍等'], ['a', '查到了,您的账单是'])).outcome).toBe(
      'fail',
    );
  });

  it('gives the silence as the trigger and the unannounced turn as missing', () => {
    expect(
      roles(rule, withSilence(['a', '好的,请您稍等'], ['a', '感谢您的耐心等待,查到了'])),
    ).toEqual(['trigger:silenceSeconds=20', 'match:稍等', 'match:感谢您的耐心等待']);
    expect(roles(rule, withSilence(['a', '好的'], ['a', '感谢您的耐心等待']))).toEqual([
      'trigger:silenceSeconds=20',
      'match:感谢您的耐心等待',
      'missing:好的',
    ]);
  });

  it('does not count a silence of 15 s or less', () => {
    expect(verdict(rule, withSilence(['a', '好的'], ['a', '查到了'], 15)).outcome).toBe(
      'not_applicable',
    );
  });

  it("does not hold the customer's own pause against the agent", () => {
    const call = withSilence(['c', '你等一下,我找一下卡号'], ['c', '找到了,尾号是3301']);
    expect(verdict(rule, call).outcome).toBe('not_applicable');
  });

  it('accepts the request a turn earlier, when the customer acknowledged it', () => {
    const call = buildCall([
      ['a', OPENING, 0, 3],
      ['a', '我帮您查一下,请稍候', 3.5, 6],
      ['c', '好', 6.5, 7],
      ['a', '让您久等了,查到了', 30, 33],
      ['a', CLOSING, 34, 37],
    ]);
    expect(verdict(rule, call).outcome).toBe('pass');
  });

  it('skips segments without a usable start time', () => {
    const call = withSilence(['a', '好的'], ['a', '查到了']);
    call.segments[3].startMs = Number.NaN;
    expect(verdict(rule, call).outcome).toBe('not_applicable');
  });
});
