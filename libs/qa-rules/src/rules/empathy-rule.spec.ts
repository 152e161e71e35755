import { buildCall, CLOSING, OPENING, roles, verdict } from '../../test/support/call-builder';
import { empathyRule } from './empathy-rule';

const rule = empathyRule.id;

/** The outcome of a customer turn, the agent's reply and the closing. */
const outcomeOf = (customer: string, agent = '请您提供一下手机号') =>
  verdict(
    rule,
    buildCall([
      ['a', OPENING],
      ['c', customer],
      ['a', agent],
      ['a', CLOSING],
    ]),
  ).outcome;

/** An upset turn, the agent's apology, the customer's next turn and a reply without empathy. */
const afterApology = (upset: string, apology: string, again: string) =>
  verdict(
    rule,
    buildCall([
      ['a', OPENING],
      ['c', upset],
      ['a', apology],
      ['c', again],
      ['a', '我记下了,请问还有其他问题吗'],
      ['a', CLOSING],
    ]),
  ).outcome;

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
    expect(outcomeOf('医生说要停药,到底停不停', '好的,我帮您联系值班医生')).toBe('not_applicable');
    expect(outcomeOf('我腰疼得受不了,想挂个号', '好的,帮您挂明天上午的号')).toBe('not_applicable');
    expect(outcomeOf('收到了,挺好的', '再次为上次的事向您道歉,祝您生活愉快')).toBe(
      'not_applicable',
    );
  });

  it('takes 我要投诉 right after an apology as the same episode, anything else as a new one', () => {
    const after = (again: string) =>
      afterApology('护士扎了三针都没扎进去,怎么搞的', '真的对不起,请问是哪个病区', again);
    expect(after('输液大厅。我要投诉')).toBe('pass');
    expect(after('上次也是这样,你们到底怎么回事')).toBe('fail');
  });
});

describe('upset heard in indignant questions, a mess or a nuisance, and their calm look-alikes', () => {
  it('hears an indignant question, a loss left alone, a mess, a nuisance and calm discomfort', () => {
    for (const customer of [
      '你们这是什么服务啊,打了半天都没用',
      '押金就这么没了?',
      '那你们公司就不管了?',
      '店里的灯整晚照着我家卧室,窗帘都开不了窗',
      '营业厅里乱七八糟的,没人引导',
      '一张发票找了半天也找不到在哪里下载',
      '办个卡排了一个多小时的队',
      '说实话,装完以后客厅全是灰,这点挺不舒服的',
    ])
      expect([customer, outcomeOf(customer)]).toEqual([customer, 'fail']);
  });

  it('stays calm for the same words asking after people, a muddle, surprise taken in stride', () => {
    for (const customer of [
      '那我爸妈两个人呢,也能一起办吗',
      '我刚才说得有点乱七八糟的,我再说一遍',
      '要排一个礼拜啊?这么久啊,那行吧',
      '你们这有什么服务套餐可以选',
      '我不管了,就按您说的办',
      '我这两天胃不舒服,想挂个号',
    ])
      expect([customer, outcomeOf(customer)]).toEqual([customer, 'not_applicable']);
  });

  it('does not take understanding the request as an acknowledgement of upset', () => {
    expect(outcomeOf('我想把扣款日改到每月五号', '我理解您的需求,这边帮您改')).toBe(
      'not_applicable',
    );
    expect(outcomeOf('我想把扣款日改到每月五号', '我理解您的心情,这边帮您改')).toBe('pass');
  });

  it('takes a grudging yes with a warning after the apology as the same episode', () => {
    const after = (again: string) =>
      afterApology('修了三回还是漏水,太不像话了', '真的很抱歉,明天上午换个师傅过去', again);
    expect(after('行吧,这回可别再敷衍我了')).toBe('pass');
    expect(after('这回可别再敷衍我了')).toBe('fail');
  });
});
