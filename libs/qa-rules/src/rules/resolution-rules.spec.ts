import { buildCall, CLOSING, findingFor, OPENING, verdict } from '../../test/support/call-builder';
import { promiseHasTimeRule, resolutionConfirmedRule } from './resolution-rules';

describe(resolutionConfirmedRule.id, () => {
  const rule = resolutionConfirmedRule.id;

  it('passes a check before closing', () => {
    const call = buildCall([
      ['a', OPENING],
      ['c', '好的'],
      ['a', '请问还有其他可以帮您的吗'],
      ['c', '没有了'],
      ['a', CLOSING],
    ]);
    expect(verdict(rule, call)).toEqual({ outcome: 'pass', evidence: ['还有其他可以帮您的吗'] });
  });

  it("accepts the seed's 是否已经清楚", () => {
    const call = buildCall([
      ['a', OPENING],
      ['c', '那我下个月再办'],
      ['a', '请问您对这个问题是否已经清楚了'],
      ['a', CLOSING],
    ]);
    expect(verdict(rule, call).outcome).toBe('pass');
  });

  it('fails a call closed without one, citing the last agent turn', () => {
    const call = buildCall([
      ['a', OPENING],
      ['c', '好的'],
      ['a', CLOSING],
    ]);
    expect(verdict(rule, call)).toEqual({ outcome: 'fail', evidence: [CLOSING] });
  });

  it('is not applicable to a message left on voicemail (the customer never spoke)', () => {
    const call = buildCall([['a', '您好,您的话费即将到期,请及时缴费,再见']], {
      direction: 'outbound',
    });
    expect(verdict(rule, call).outcome).toBe('not_applicable');
  });

  it('does not count a check made early in a long call', () => {
    const call = buildCall([
      ['a', OPENING],
      ['a', '还有其他问题吗'],
      ['c', '有,还有宽带的事'],
      ['a', '好的'],
      ['a', '宽带已经帮您处理'],
      ['a', '那就这样'],
      ['a', CLOSING],
    ]);
    expect(verdict(rule, call).outcome).toBe('fail');
  });
});

describe(promiseHasTimeRule.id, () => {
  const rule = promiseHasTimeRule.id;
  const agentSays = (...texts: string[]) =>
    buildCall([
      ['a', OPENING],
      ['c', '什么时候能处理好'],
      ...texts.map((t): ['a', string] => ['a', t]),
      ['a', CLOSING],
    ]);

  it.each([
    ['我们会在24小时内给您回复', '24小时内'],
    ['两个工作日内给您答复', '两个工作日内'],
    ['明天下午五点前给您回电', '明天下午五点前'],
    ['我们3天后联系您', '3天后'],
  ])('passes a promise with a time: %s', (text, time) => {
    const v = verdict(rule, agentSays(text));
    expect(v.outcome).toBe('pass');
    expect(v.evidence).toContain(time);
  });

  it('accepts the time in the next agent turn', () => {
    expect(verdict(rule, agentSays('处理好了我们给您回电', '最晚明天中午之前')).outcome).toBe(
      'pass',
    );
  });

  it.each(['处理结果出来后尽快给您回复', '稍后会有同事联系您', '等有消息了再通知您'])(
    'fails a vague promise: %s',
    (text) => {
      expect(verdict(rule, agentSays(text)).outcome).toBe('fail');
    },
  );

  it.each([
    ['维修师傅今天下午四点前到您家', '今天下午四点前'],
    ['我们在三个工作日内把发票发到您邮箱', '三个工作日内'],
    ['这周六上午给您补发过去', '这周六上午'],
  ])('takes a delivery with a time as a kept promise: %s', (text, time) => {
    const v = findingFor(rule, agentSays(text));
    expect(v.outcome).toBe('pass');
    expect(v.evidence.map((e) => `${e.role}:${e.text}`)).toContain(`match:${time}`);
  });

  it('takes a delivery without a time as information, not a promise', () => {
    expect(verdict(rule, agentSays('新的行程单会发到您的手机')).outcome).toBe('not_applicable');
  });

  it.each(['回头跟您联系', '再给您个答复', '到时候打电话给您'])(
    'hears a promise in another word order: %s',
    (text) => {
      expect(verdict(rule, agentSays(text)).outcome).toBe('fail');
    },
  );

  it('is not applicable without a promise, or when the courier (not the agent) will call', () => {
    expect(verdict(rule, agentSays('已经帮您办好了')).outcome).toBe('not_applicable');
    expect(verdict(rule, agentSays('包裹到了快递员会联系您')).outcome).toBe('not_applicable');
  });
});

describe('resolution rules on paraphrases', () => {
  const closing = (check: string) =>
    buildCall([
      ['a', OPENING],
      ['c', '好的明白了'],
      ['a', check],
      ['c', '没了'],
      ['a', CLOSING],
    ]);

  it('takes a closing check however it is worded, and not a statement that looks like one', () => {
    for (const check of ['您看还有啥别的要俺帮忙的不', '还有什么其他我能为你做的吗', '還有事嗎'])
      expect(verdict(resolutionConfirmedRule.id, closing(check)).outcome).toBe('pass');
    expect(verdict(resolutionConfirmedRule.id, closing('还有其他渠道可以办理')).outcome).toBe(
      'fail',
    );
  });

  it('holds a promise said another way to a time, and 尽快 is no time', () => {
    const promise = (text: string) =>
      buildCall([
        ['a', OPENING],
        ['c', '那什么时候有结果'],
        ['a', text],
        ['a', CLOSING],
      ]);
    expect(verdict(promiseHasTimeRule.id, promise('我们会尽快处理的')).outcome).toBe('fail');
    expect(verdict(promiseHasTimeRule.id, promise('后续会有专人跟进')).outcome).toBe('fail');
    const kept = findingFor(promiseHasTimeRule.id, promise('下礼拜三之前给您打电话'));
    expect(kept.outcome).toBe('pass');
    expect(kept.note).toBe('promised time: 下礼拜三之前');
    expect(verdict(promiseHasTimeRule.id, promise('处理完系统会自动发短信通知您')).outcome).toBe(
      'not_applicable',
    );
    expect(verdict(promiseHasTimeRule.id, promise('今天晚上九点前会有结果短信')).outcome).toBe(
      'pass',
    );
    expect(verdict(promiseHasTimeRule.id, promise('他说十二点前一定到')).outcome).toBe('pass');
    expect(verdict(promiseHasTimeRule.id, promise('工程部会尽快过去')).outcome).toBe('fail');
  });
});

describe('resolution.confirmed in a callback', () => {
  it('takes the question whether the customer is satisfied with the result as the check', () => {
    const callback = (ask: string) =>
      buildCall(
        [
          ['a', '您好,我是星河通信回访专员,请问是王先生吗'],
          ['c', '是'],
          ['a', ask],
          ['c', '满意'],
          ['a', CLOSING],
        ],
        { direction: 'outbound', purpose: 'callback' },
      );
    expect(verdict(resolutionConfirmedRule.id, callback('您对这次的处理结果满意吗')).outcome).toBe(
      'pass',
    );
    expect(verdict(resolutionConfirmedRule.id, callback('宽带已经修好了')).outcome).toBe('fail');
  });
});

describe('promises in plain words, and what only looks like one', () => {
  const says = (text: string) =>
    findingFor(
      promiseHasTimeRule.id,
      buildCall([
        ['a', OPENING],
        ['c', '那这个事怎么办'],
        ['a', text],
        ['a', CLOSING],
      ]),
    );

  it('hears an answer of a named kind, a 准话 and someone sent round, each held to a time', () => {
    expect(says('周五下班前给您一个正式的答复').note).toBe('promised time: 周五下班前');
    expect(says('回头给您一个明确答复').outcome).toBe('fail');
    expect(says('后天中午之前给您回个准话').outcome).toBe('pass');
    expect(says('我再核实一下给您回个准话').outcome).toBe('fail');
    expect(says('一小时内安排师傅过去看看').note).toBe('promised time: 一小时内');
    // Sent round without a time is information about the process, like a delivery.
    expect(says('物业会安排保洁过去清理').outcome).toBe('not_applicable');
  });

  it('does not take a texted result, a confirmation text, a promise not to call or a refund as one', () => {
    for (const text of [
      '办理结果会以短信形式通知您',
      '下周二下午的号已经约好了,短信稍后发到您手机',
      '取消以后两天内生效,就不会再给您打电话了',
      '签收后七天内申请,平台会给您补差价',
      '支持七天无理由退货',
    ])
      expect([text, says(text).outcome]).toEqual([text, 'not_applicable']);
    // The same words with a person coming back still count.
    expect(says('明天上午我们会打电话通知您结果').outcome).toBe('pass');
  });
});
