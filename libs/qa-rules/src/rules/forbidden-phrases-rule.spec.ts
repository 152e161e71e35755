import { buildCall, CLOSING, CONTEXT, OPENING, verdict } from '../../test/support/call-builder';
import { compileScorecard } from '../scorecard/compile-scorecard';
import { defaultScorecard } from '../scorecard/default-scorecard';
import { validateScorecard } from '../scorecard/validate-scorecard';
import { evaluateCall } from '../engine/evaluate-call';
import { forbiddenPhrasesRule } from './forbidden-phrases-rule';

const rule = forbiddenPhrasesRule.id;
const agentSays = (text: string) =>
  buildCall([
    ['a', OPENING],
    ['c', '你好'],
    ['a', text],
    ['a', CLOSING],
  ]);

describe(forbiddenPhrasesRule.id, () => {
  it.each([
    ['这个我不知道', '不知道'],
    ['具体情况我也不清楚', '不清楚'],
    ['这种业务我们没做过', '我们没做过'],
    ['这个我们也没有办法', '我们也没有办法'],
    ['没办法,规定就是这样', '没办法'],
    ['他不在,你晚点再打', '他不在'],
    ['这不归我管', '这不归我管'],
    ['你听不懂吗', '你听不懂吗'],
    ['亲爱的这边没法帮您联系站点', '没法'],
    ['我已经说过了', '我已经说过了'],
    ['这个您看着办吧', '看着办'],
  ])('fails agent speech with a seed or taboo phrase: %s', (text, phrase) => {
    expect(verdict(rule, agentSays(text))).toEqual({ outcome: 'fail', evidence: [phrase] });
  });

  it.each([
    '不知道您现在方便吗?',
    '如有不清楚的地方,您随时来电',
    '请问您哪里不清楚?',
    '您还有不清楚的吗?',
    '不知道您对这次处理是否满意',
    '您那边信号不好,我听不清楚',
    '我看看有没有办法帮您加急',
    '除了这款,其他不在保修范围内',
    '因为没有得到您的答复,暂时不知道您的问题我是否为您解决完毕',
  ])('passes the polite form: %s', (text) => {
    expect(verdict(rule, agentSays(text)).outcome).toBe('pass');
  });

  it('ignores the customer saying the same words', () => {
    const call = buildCall([
      ['a', OPENING],
      ['c', '我也不知道怎么回事,你们没办法吗'],
      ['a', CLOSING],
    ]);
    expect(verdict(rule, call).outcome).toBe('pass');
  });

  it('still fails a taboo next to a polite form in the same turn', () => {
    expect(verdict(rule, agentSays('不知道您现在方便吗?这个我真不知道'))).toEqual({
      outcome: 'fail',
      evidence: ['不知道'],
    });
  });

  it('reports a phrase nested in a longer forbidden one once, with exact offsets', () => {
    const f = verdict(rule, agentSays('这个我们也没有办法'));
    expect(f.evidence).toEqual(['我们也没有办法']);
  });

  it('is not applicable when the agent never spoke', () => {
    expect(verdict(rule, buildCall([['c', '喂?']])).outcome).toBe('not_applicable');
  });
});

describe('forbidden phrases on paraphrases', () => {
  it('catches a brush-off with words inserted, and passes the polite question around 不知道', () => {
    expect(verdict(rule, agentSays('那个不归我们这边管,你自己去问物业'))).toEqual({
      outcome: 'fail',
      evidence: ['不归我们这边管', '自己去问'],
    });
    expect(verdict(rule, agentSays('我刚才都已经说过了')).outcome).toBe('fail');
    expect(verdict(rule, agentSays('不知道您这会儿方不方便说话')).outcome).toBe('pass');
    // The end of a sentence ends a polite form: this is 不知道 on its own.
    expect(verdict(rule, agentSays('这个我不知道。您方便的话去网点问')).outcome).toBe('fail');
  });
});

describe('没办法: a refusal or a fact', () => {
  it('fails 没办法 with nothing offered, or 没法 as the refusal itself', () => {
    expect(verdict(rule, agentSays('规定就是这样,没办法')).outcome).toBe('fail');
    expect(verdict(rule, agentSays('这个我们也没有办法,还有事吗')).outcome).toBe('fail');
    expect(verdict(rule, agentSays('这边没法帮您联系站点')).outcome).toBe('fail');
  });

  it('passes 没(有)办法 followed by a reason, an alternative or a hand-over', () => {
    expect(verdict(rule, agentSays('系统上没办法直接改,不过我可以帮您联系快递拦截')).outcome).toBe(
      'pass',
    );
    expect(verdict(rule, agentSays('今天是没有办法修好的,因为要换整段管道')).outcome).toBe('pass');
    expect(verdict(rule, agentSays('我们这边没有办法处罚商家,我帮您转给市场监管局')).outcome).toBe(
      'pass',
    );
    expect(verdict(rule, agentSays('这个没有办法因为系统已经出库了')).outcome).toBe('pass');
    expect(verdict(rule, agentSays('线上没有办法退,会有专人联系您上门取件')).outcome).toBe('pass');
    expect(verdict(rule, agentSays('这边没法直接改,我反馈到技术部门处理')).outcome).toBe('pass');
  });
});

describe('没办法 with its reason first, as a consequence, or answered in the next turn', () => {
  it('passes a refusal that names what cannot be done after its reason or condition', () => {
    expect(verdict(rule, agentSays('因为还没到货,所以没办法给您预约')).outcome).toBe('pass');
    expect(verdict(rule, agentSays('如果已经出库就没有办法拦截了')).outcome).toBe('pass');
    expect(verdict(rule, agentSays('改了收货城市就没办法按时送达')).outcome).toBe('pass');
  });

  it('still fails a bare 没办法 after a reason, and 就没办法了 as a dead end', () => {
    expect(verdict(rule, agentSays('活动已经结束了,没办法,系统就是这样的')).outcome).toBe('fail');
    expect(verdict(rule, agentSays('您不提供单号那我就没办法了')).outcome).toBe('fail');
  });

  it("passes a refusal the agent's next turn answers with an alternative", () => {
    const call = (next: string) =>
      buildCall([
        ['a', OPENING],
        ['c', '能帮我改一下地址吗'],
        ['a', '订单生成后没有办法修改地址'],
        ['c', '那怎么办'],
        ['a', next],
        ['a', CLOSING],
      ]);
    expect(verdict(rule, call('您可以先取消订单再重新下单')).outcome).toBe('pass');
    expect(verdict(rule, call('那就等着吧')).outcome).toBe('fail');
  });

  it('reads a space as the end of a clause, as chat and ASR text write it', () => {
    expect(verdict(rule, agentSays('这个没有办法的 最晚可以延到月底')).outcome).toBe('pass');
  });

  it('passes 这是规定 closing an explanation, not on its own', () => {
    expect(verdict(rule, agentSays('只要超过七天就不能退了,这是规定')).outcome).toBe('pass');
    expect(verdict(rule, agentSays('这是规定')).outcome).toBe('fail');
  });

  it('fails professing ignorance in other words, not the polite form', () => {
    expect(verdict(rule, agentSays('这个我也不太清楚哦')).outcome).toBe('fail');
    expect(verdict(rule, agentSays('这个活动小妹不了解')).outcome).toBe('fail');
    expect(verdict(rule, agentSays('如有不太清楚的地方可以随时联系我')).outcome).toBe('pass');
  });
});

describe('professing ignorance in other words (synonym sets)', () => {
  it('fails the agent side saying it does not know, however it names itself', () => {
    expect(verdict(rule, agentSays('这个活动规则咱们确实不太了解'))).toEqual({
      outcome: 'fail',
      evidence: ['咱们确实不太了解'],
    });
    expect(verdict(rule, agentSays('具体原因这边不是很清楚')).outcome).toBe('fail');
    expect(verdict(rule, agentSays('这个型号我不大清楚哦')).outcome).toBe('fail');
  });

  it('passes the same words about the customer, or as an offer to explain', () => {
    expect(verdict(rule, agentSays('您可能对我们还不了解,我给您介绍一下')).outcome).toBe('pass');
    expect(verdict(rule, agentSays('如有不是很清楚的地方请随时联系')).outcome).toBe('pass');
    expect(verdict(rule, agentSays('您那边声音有点小,我听不大清楚')).outcome).toBe('pass');
    expect(verdict(rule, agentSays('如果不清楚怎么操作,可以再问我')).outcome).toBe('pass');
    expect(verdict(rule, agentSays('步骤发给您了,不太清楚的话随时找我')).outcome).toBe('pass');
    expect(verdict(rule, agentSays('您发来的照片不太清楚,麻烦重新拍一张')).outcome).toBe('pass');
    expect(verdict(rule, agentSays('页面上写得不清楚的地方我来解释')).outcome).toBe('pass');
  });

  it('fails "cannot tell" as the answer, not after an estimate or with a way on', () => {
    expect(verdict(rule, agentSays('抱歉,无法确定是哪个软件引起的'))).toEqual({
      outcome: 'fail',
      evidence: ['无法确定'],
    });
    expect(verdict(rule, agentSays('预计三天内到货,具体哪一天暂时无法确定')).outcome).toBe('pass');
    expect(verdict(rule, agentSays('现在不能确定原因,我帮您提交给技术人员检测')).outcome).toBe(
      'pass',
    );
  });
});

describe('"not ours": a brush-off unless a path forward goes with it', () => {
  it('fails the ways of saying another party did it, with nothing after', () => {
    expect(verdict(rule, agentSays('这张发票不是我们开的哦'))).toEqual({
      outcome: 'fail',
      evidence: ['不是我们开的'],
    });
    expect(verdict(rule, agentSays('这款耳机不是咱们家卖的')).outcome).toBe('fail');
    expect(verdict(rule, agentSays('这块不属于我们部门负责')).outcome).toBe('fail');
    expect(verdict(rule, agentSays('物流延误不是我们的问题')).outcome).toBe('fail');
    expect(verdict(rule, agentSays('这单不是我们这边发的货')).outcome).toBe('fail');
  });

  it('passes it with the way on, in the turn or the next ones', () => {
    expect(verdict(rule, agentSays('发票不是我们开的,您可以联系商家给您重开')).outcome).toBe(
      'pass',
    );
    expect(verdict(rule, agentSays('那段路不归我们公司管,请联系交通部门处理')).outcome).toBe(
      'pass',
    );
    const call = buildCall([
      ['a', OPENING],
      ['c', '发票抬头错了'],
      ['a', '这个订单的发票不是我们开的'],
      ['c', '那我找谁'],
      ['a', '建议您联系卖家换开'],
      ['a', CLOSING],
    ]);
    expect(verdict(rule, call).outcome).toBe('pass');
  });

  it('still fails it after a reason alone, and said of the agent in person whatever follows', () => {
    expect(verdict(rule, agentSays('因为是第三方订单,发票不是我们开的')).outcome).toBe('fail');
    expect(verdict(rule, agentSays('发票又不是我开的,您可以联系商家'))).toEqual({
      outcome: 'fail',
      evidence: ['不是我开的'],
    });
    expect(verdict(rule, agentSays('这不归我管,您可以问问物业'))).toEqual({
      outcome: 'fail',
      evidence: ['这不归我管'],
    });
  });
});

describe('"check it yourself" as the answer', () => {
  it('fails telling the customer to find the answer out alone', () => {
    expect(verdict(rule, agentSays('型号太多我们没测过,您可以自行测试下'))).toEqual({
      outcome: 'fail',
      evidence: ['您可以自行测试'],
    });
    expect(verdict(rule, agentSays('这个你自己研究一下吧')).outcome).toBe('fail');
    expect(verdict(rule, agentSays('到没到您自己问一下快递吧')).outcome).toBe('fail');
  });

  it('passes self-service with the way to do it', () => {
    expect(verdict(rule, agentSays('您可以在订单详情页自行查看物流')).outcome).toBe('pass');
    expect(verdict(rule, agentSays('您自己问题解决了就好')).outcome).toBe('pass');
  });
});

describe("没办法 as a limit: of a channel, or in someone else's hands", () => {
  it('passes what a channel cannot do, not a refusal to do it', () => {
    expect(verdict(rule, agentSays('抱歉,没办法通过手机号查询订单呢')).outcome).toBe('pass');
    expect(verdict(rule, agentSays('抱歉,没办法帮您查询订单呢')).outcome).toBe('fail');
  });

  it('passes a bare 没办法 after saying whose decision it is, not after any reason', () => {
    expect(
      verdict(rule, agentSays('退款已经提交了,到账时间要看银行,这个我们真没办法')).outcome,
    ).toBe('pass');
    expect(verdict(rule, agentSays('这是银行那边的事,没办法')).outcome).toBe('fail');
  });

  it('takes the remedy from the next two agent turns, or as many as remedyTurns says', () => {
    const turns = (): Parameters<typeof buildCall>[0] => [
      ['a', OPENING],
      ['c', '能改一下收货地址吗'],
      ['a', '订单生成后没有办法修改地址'],
      ['c', '那怎么办'],
      ['a', '您稍等,我看一下'],
      ['c', '嗯'],
      ['a', '您可以先取消订单再重新下单'],
      ['a', CLOSING],
    ];
    expect(verdict(rule, buildCall(turns())).outcome).toBe('pass');
    const late = turns();
    late.splice(6, 0, ['a', '系统有点慢'], ['c', '好']);
    expect(verdict(rule, buildCall(late)).outcome).toBe('fail');

    const card = defaultScorecard();
    card.items.find((i) => i.ruleId === rule)!.params = { remedyTurns: 1 };
    const f = evaluateCall(compileScorecard(card), buildCall(turns()), CONTEXT).findings.find(
      (x) => x.ruleId === rule,
    );
    expect(f?.outcome).toBe('fail');

    card.items.find((i) => i.ruleId === rule)!.params = { remedyTurns: 99 };
    expect(validateScorecard(card)).toEqual([
      expect.objectContaining({ message: 'remedyTurns must be a number in 0..10' }),
    ]);
  });
});
