import { buildCall, CLOSING, verdict } from '../../test/support/call-builder';
import { callbackScriptRule } from './callback-script-rule';

const rule = callbackScriptRule.id;
const callback = (turns: Parameters<typeof buildCall>[0]) =>
  buildCall(turns, { direction: 'outbound', purpose: 'callback' });

describe(callbackScriptRule.id, () => {
  it('passes the seed script: introduce, identify, ask if convenient, name the issue, check', () => {
    const call = callback([
      ['a', '您好,我是星河通信客服中心的服务专员小姜'],
      ['a', '请问是王先生吗'],
      ['c', '是我'],
      ['a', '请问您现在方便接听电话吗'],
      ['c', '方便'],
      ['a', '您之前反映的宽带断线问题,我们已经安排师傅上门处理了'],
      ['c', '对,昨天修好了'],
      ['a', '请问您对这次处理还满意吗'],
      ['c', '挺满意的'],
      ['a', CLOSING],
    ]);
    expect(verdict(rule, call).outcome).toBe('pass');
    expect(verdict(rule, call).evidence).toHaveLength(5);
  });

  it('fails and names what is missing', () => {
    const call = callback([
      ['a', '您好,我是星河通信的小姜'],
      ['a', '您的宽带修好了吧'],
      ['a', CLOSING],
    ]);
    const f = verdict(rule, call);
    expect(f.outcome).toBe('fail');
  });

  it('asks only for the opening part when the customer cannot talk now, and skips the closing check', () => {
    const call = callback([
      ['a', '您好,我是星河通信客服中心的小吴'],
      ['a', '请问是孙女士吗'],
      ['c', '是我'],
      ['a', '请问您现在方便接听电话吗'],
      ['c', '不方便,我在开车'],
      ['a', '好的,那我下午四点再打给您,再见'],
    ]);
    expect(verdict(rule, call)).toEqual({
      outcome: 'pass',
      evidence: ['我是', '请问是', '现在方便', '不方便'],
    });
    expect(verdict('resolution.confirmed', call).outcome).toBe('not_applicable');
  });

  it('still fails a declined callback that skipped the identity check', () => {
    const call = callback([
      ['a', '您好,我是星河通信客服中心的小吴,请问现在方便吗'],
      ['c', '在忙,晚点打'],
      ['a', '好的,再见'],
    ]);
    expect(verdict(rule, call).outcome).toBe('fail');
  });

  it('is not applicable to anything but a callback', () => {
    expect(verdict(rule, buildCall([['a', '您好']])).outcome).toBe('not_applicable');
  });
});

describe('callback script on paraphrases', () => {
  it('takes an identity check by name, a casual convenience question and the issue by its date', () => {
    const call = callback([
      ['a', '喂您好,我是星河通信售后的小周,工号3021'],
      ['a', '喂,是李建国先生本人吧'],
      ['c', '是我'],
      ['a', '李先生,这会儿跟您聊两句方不方便'],
      ['c', '你说'],
      ['a', '就是您上礼拜报修的那个宽带,现在网速正常了吧'],
      ['c', '正常了'],
      ['a', '那您对这次处理还满意不'],
      ['c', '满意'],
      ['a', CLOSING],
    ]);
    expect(verdict(rule, call)).toEqual({
      outcome: 'pass',
      evidence: ['我是', '先生本人吧', '方不方便', '您上礼拜', '满意'],
    });
  });
});
