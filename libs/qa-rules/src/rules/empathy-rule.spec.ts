import { buildCall, CLOSING, OPENING, roles, verdict } from '../../test/support/call-builder';
import { empathyRule } from './empathy-rule';

const rule = empathyRule.id;

describe(empathyRule.id, () => {
  it('passes an apology right after the complaint', () => {
    const call = buildCall([
      ['a', OPENING],
      ['c', '你们一直不处理,我要投诉'],
      ['a', '非常抱歉给您带来不便'],
      ['a', CLOSING],
    ]);
    expect(verdict(rule, call)).toEqual({ outcome: 'pass', evidence: ['一直不处理', '抱歉'] });
  });

  it('accepts empathy in the second agent turn after it', () => {
    const call = buildCall([
      ['a', OPENING],
      ['c', '你们这服务太差了'],
      ['a', '请您提供一下手机号'],
      ['a', '我非常理解您的心情,马上帮您处理'],
      ['a', CLOSING],
    ]);
    expect(verdict(rule, call).outcome).toBe('pass');
  });

  it('fails when two agent turns pass without an apology', () => {
    const call = buildCall([
      ['a', OPENING],
      ['c', '什么态度啊你们'],
      ['a', '请您提供一下手机号'],
      ['c', '13800138000'],
      ['a', '查到了,您的宽带已经欠费'],
      ['a', CLOSING],
    ]);
    expect(verdict(rule, call).outcome).toBe('fail');
  });

  it('treats the first customer turn of a call routed as a complaint as a complaint', () => {
    const turns: Parameters<typeof buildCall>[0] = [
      ['a', OPENING],
      ['c', '我想反映一下营业厅排队太久的问题'],
      ['a', '感谢您的反馈,我们会转给营业厅'],
      ['a', CLOSING],
    ];
    expect(verdict(rule, buildCall(turns, { purpose: 'complaint' })).outcome).toBe('fail');
    expect(verdict(rule, buildCall(turns)).outcome).toBe('not_applicable');
  });

  it('is not applicable when the customer is not upset, or only says so in a negation', () => {
    expect(
      verdict(
        rule,
        buildCall([
          ['a', OPENING],
          ['c', '帮我查一下余额'],
          ['a', CLOSING],
        ]),
      ).outcome,
    ).toBe('not_applicable');
    const negated = buildCall([
      ['a', OPENING],
      ['c', '我不是投诉,就是问问'],
      ['a', '好的'],
      ['a', CLOSING],
    ]);
    expect(verdict(rule, negated).outcome).toBe('not_applicable');
  });

  it('is not applicable when the customer complains in the last word', () => {
    expect(
      verdict(
        rule,
        buildCall([
          ['a', OPENING],
          ['a', CLOSING],
          ['c', '什么态度'],
        ]),
      ).outcome,
    ).toBe('not_applicable');
  });
});

describe('dissatisfaction without complaint words', () => {
  const upset = (customer: string, agent: string) =>
    buildCall([
      ['a', OPENING],
      ['c', customer],
      ['a', agent],
      ['a', CLOSING],
    ]);

  it('hears an upset customer in repeated calls and indignant questions', () => {
    expect(verdict(rule, upset('这都第三回打过来了,你们到底有没有人管', '好的请讲')).outcome).toBe(
      'fail',
    );
    expect(verdict(rule, upset('我说你们这是怎么回事啊', '真是对不住,给您添了不少麻烦'))).toEqual({
      outcome: 'pass',
      evidence: ['我说你们这是怎么回事', '对不住'],
    });
  });

  it('takes empathy without 抱歉, and a calm question is not upset', () => {
    expect(verdict(rule, upset('这修了一个礼拜了还没好,有什么用', '这个确实闹心')).outcome).toBe(
      'pass',
    );
    expect(verdict(rule, upset('想问一下包裹现在怎么样了', '我帮您查')).outcome).toBe(
      'not_applicable',
    );
  });

  it('hears upset in the agent answering a plain complaint with an apology for the trouble', () => {
    expect(verdict(rule, upset('宽带从早上开始就上不了网了', '给您带来不便非常抱歉'))).toEqual({
      outcome: 'pass',
      evidence: ['宽带从早上开始就上不了网了', '给您带来不便'],
    });
  });

  it('does not hear upset in an apology for a wait, a bad line or a limitation', () => {
    for (const agent of ['不好意思让您等了这么久', '抱歉刚才没听清', '非常抱歉,李工今天出差了'])
      expect(verdict(rule, upset('我找技术部的李工', agent)).outcome).toBe('not_applicable');
  });

  it('hears indignant, sarcastic and repeated complaints without a complaint word', () => {
    for (const customer of [
      '有你们这么办事的吗',
      '你们可真行啊,收钱的时候倒是挺积极',
      '每次打电话都说在处理',
      '你嚷什么嚷',
      '电话一直打不通,这都三天了',
      '别跟我找借口,我不想听你解释',
      '你们这是拿我当傻子吧',
      '害得我白请了一天假',
      '你工号多少',
    ])
      expect(verdict(rule, upset(customer, '请您提供一下手机号')).outcome).toBe('fail');
    for (const customer of [
      '不好意思说一下,我想改个地址',
      '好,那就这样办吧',
      '把我当月的账单发一下',
      '我重启了一下居然就好了',
      '孩子疼得快哭了,今天能挂上号吗',
    ])
      expect(verdict(rule, upset(customer, '请您提供一下手机号')).outcome).toBe('not_applicable');
  });

  it('takes the feeling heard and the fault owned in other words as empathy', () => {
    for (const agent of [
      '听得出来您很生气,我马上帮您查',
      '是我们考虑不周',
      '这次确实怠慢您了',
      '给您造成了不好的体验',
      '我们的服务没跟上,请您见谅',
      '这种事换成是谁都会不高兴',
      '这事确实是我们做得不好',
      '您的心情我们都明白',
    ])
      expect(verdict(rule, upset('你们这服务太差了', agent)).outcome).toBe('pass');
    // A closing formula says nothing about the customer's feeling.
    expect(verdict(rule, upset('好的,知道了', '不周之处请您见谅')).outcome).toBe('not_applicable');
  });

  it('does not take 别着急 alone as empathy', () => {
    expect(verdict(rule, upset('你们这服务太差了', '您先别着急,我看一下')).outcome).toBe('fail');
  });

  it("counts the agent's consecutive segments as one turn", () => {
    const call = buildCall([
      ['a', OPENING],
      ['c', '什么态度啊你们'],
      ['a', '您稍等'],
      ['a', '我查一下'],
      ['c', '快点'],
      ['a', '非常理解您的心情'],
      ['a', CLOSING],
    ]);
    expect(verdict(rule, call).outcome).toBe('pass');
  });
});

describe('empathy evidence roles', () => {
  it("marks the customer's words as the trigger, not as the agent's failure", () => {
    const call = (agent: string) =>
      buildCall([
        ['a', OPENING],
        ['c', '你们一直不处理,我要投诉'],
        ['a', agent],
        ['c', '嗯'],
        ['a', '请提供一下手机号'],
        ['a', CLOSING],
      ]);
    expect(roles(rule, call('非常抱歉给您带来不便'))).toEqual(['trigger:一直不处理', 'match:抱歉']);
    expect(roles(rule, call('您的手机号是多少'))).toEqual([
      'trigger:一直不处理',
      'missing:您的手机号是多少',
    ]);
  });

  it('hears upset without complaint words, and owned faults and named feelings as empathy', () => {
    for (const [upset, reply] of [
      ['这都第几次了,到底有没有人管', '这个是我们的疏忽,您一定很着急'],
      ['我等了一上午,真是服了你们', '搁谁遇到都来气,我马上催师傅'],
      ['你们这扣得也太随便了吧', '确实说不过去,我帮您申请退回'],
    ])
      expect(
        verdict(
          rule,
          buildCall([
            ['a', OPENING],
            ['c', upset],
            ['a', reply],
            ['a', CLOSING],
          ]),
        ).outcome,
      ).toBe('pass');
  });

  it('is not applicable for a plain 到底 question, pain, or a callback closing that apologises again', () => {
    const calm = (customer: string, agent: string) =>
      verdict(
        rule,
        buildCall([
          ['a', OPENING],
          ['c', customer],
          ['a', agent],
          ['a', CLOSING],
        ]),
      ).outcome;
    expect(calm('医生说要停药,到底停不停', '好的,我帮您联系值班医生')).toBe('not_applicable');
    expect(calm('我腰疼得受不了,想挂个号', '好的,帮您挂明天上午的号')).toBe('not_applicable');
    expect(calm('收到了,挺好的', '再次为上次的事向您道歉,祝您生活愉快')).toBe('not_applicable');
  });

  it('takes 我要投诉 right after an apology as the same episode, anything else as a new one', () => {
    const after = (again: string) =>
      verdict(
        rule,
        buildCall([
          ['a', OPENING],
          ['c', '护士扎了三针都没扎进去,怎么搞的'],
          ['a', '真的对不起,请问是哪个病区'],
          ['c', again],
          ['a', '我记下了,会转给护理部核实'],
          ['a', CLOSING],
        ]),
      ).outcome;
    expect(after('输液大厅。我要投诉')).toBe('pass');
    expect(after('上次也是这样,你们到底怎么回事')).toBe('fail');
  });
});
