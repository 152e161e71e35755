import type { CallInput } from '@qa/qa-rules';
import taboo from '../../libs/qa-rules/test/fixtures/taboo-phrases.json';

/** mulberry32: a small deterministic PRNG, so every run scores the same calls. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const BENCH_COMPANY = '星河通信';

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const digits = (r: Rand, n: number) =>
  Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const chance = (r: Rand, p: number) => r() < p;

const TOPICS = [
  {
    what: '宽带',
    ask: [
      '我家宽带从昨天晚上开始就一直断断续续的',
      '宽带又连不上了,光猫上面的灯一直在闪',
      '我想把宽带升级到五百兆',
    ],
  },
  {
    what: '话费',
    ask: [
      '我这个月话费怎么扣了这么多',
      '我想查一下上个月的账单明细',
      '为什么我的话费余额突然少了五十块',
    ],
  },
  {
    what: '流量',
    ask: ['我的流量包怎么这么快就用完了', '我想办一个每月三十G的流量包', '出国的话流量怎么收费'],
  },
  {
    what: '订单',
    ask: [
      '我上周买的空气净化器到现在还没发货',
      '我想问一下我的订单什么时候能到',
      '订单显示已签收但是我没收到',
    ],
  },
  {
    what: '退款',
    ask: [
      '我申请的退款已经一个星期了还没到账',
      '退货寄回去了退款什么时候能到',
      '为什么退款只退了一部分',
    ],
  },
  {
    what: '信用卡',
    ask: ['我的信用卡账单好像多扣了一笔年费', '我想提高一下信用卡额度', '信用卡分期的手续费怎么算'],
  },
];

const VERIFY = [
  '请问您的手机号码是多少',
  '麻烦您提供一下订单号',
  '请您报一下身份证后四位',
  '请问您登记的姓名是',
];
const LOOKUP = [
  '好的,我帮您查询一下,请稍等',
  '我这边帮您看一下,请您稍等片刻',
  '好的,稍等,我帮您核实一下',
];
const AFTER_HOLD = ['感谢您的耐心等待', '让您久等了', '谢谢您的等待'];
const ANSWERS = [
  '系统显示您这个问题是因为片区线路在维护,预计今天下午六点前恢复',
  '您这笔费用是上个月开通的增值业务产生的,我已经帮您退订了',
  '您的包裹目前在转运中心,预计明天送达,到了快递员会联系您',
  '退款已经原路退回,银行那边一般需要三到五个工作日到账',
  '这笔年费是可以申请减免的,我已经帮您提交了减免申请',
  '您可以通过我们的营业厅或者官方客户端办理,费用是每月三十元',
  '这个套餐包含三十G国内流量和五百分钟通话,超出部分按标准资费收取',
];
const PROMISES = [
  '我们会在二十四小时内给您回复',
  '我已经登记了,明天下午五点前给您回电',
  '两个工作日内会有专人联系您',
  '处理结果出来后我们会尽快给您回复',
  '稍后会有同事联系您',
];
const COMPLAINTS = [
  '你们到底怎么回事,一直不处理,我要投诉',
  '这已经是第三次了,太过分了,我要打12315',
  '你们这个服务太差了,我很不满意',
  '再不解决我就去网上曝光你们',
];
const EMPATHY = [
  '非常抱歉给您带来不便,我理解您的心情',
  '实在不好意思,让您多次来电,我马上帮您加急处理',
  '请您先别着急,我这边一定帮您跟进到底',
];
const POLITE = [
  '不知道您现在方便吗,我跟您核对一下地址',
  '如有不清楚的地方,您可以随时来电咨询',
  '请问您哪里不清楚,我再给您解释一遍',
  '不知道您对这个处理方案是否满意',
];
const CHITCHAT = [
  ['那我还需要做什么吗', '您这边不需要做什么,保持电话畅通就可以'],
  ['好的,那费用会退给我吗', '会的,多扣的费用会在下个账期返还到您的账户'],
  ['我能不能换一个便宜点的套餐', '可以的,我们现在有一个每月五十八元的套餐,包含二十G流量'],
  ['需要我去营业厅吗', '不需要,我这边可以直接帮您在线办理'],
  ['上次打电话说已经处理了啊', '我看到上次的记录了,这次我帮您升级处理'],
  ['这个要多久', '一般情况下当天就能处理完成'],
];

/**
 * A plausible ~600-character service call: greeting, request, verification, a look-up (sometimes a
 * long hold), an answer, and at realistic rates a complaint, a forbidden phrase, a polite form that
 * only looks forbidden, a promise with or without a time, then the closing.
 */
export function generateCall(r: Rand, i: number, taboo: readonly string[], chars = 600): CallInput {
  const segments: CallInput['segments'] = [];
  let t = 0;
  let total = 0;
  const say = (speaker: 'agent' | 'customer', text: string, pauseMs = 300 + r() * 1200) => {
    const start = Math.round(t + pauseMs);
    const end = start + Math.round(600 + text.length * (200 + r() * 80));
    segments.push({ speaker, startMs: start, endMs: end, text });
    t = end;
    total += text.length;
  };
  const late = chance(r, 0.15);
  const opening = chance(r, 0.9)
    ? `您好,${BENCH_COMPANY},工号${digits(r, 4)},很高兴为您服务${late ? ',让您久等了' : ''}`
    : '喂,你好,请讲';
  say('agent', opening, 0);
  const topic = pick(r, TOPICS);
  say('customer', `你好,${pick(r, topic.ask)}`);
  say('agent', pick(r, VERIFY));
  say('customer', `${digits(r, 11)}`);
  say('agent', pick(r, LOOKUP));
  const hold = chance(r, 0.3);
  say(
    'agent',
    `${hold ? pick(r, AFTER_HOLD) + ',' : ''}${pick(r, ANSWERS)}`,
    hold ? 18000 + r() * 20000 : 2000,
  );
  if (chance(r, 0.2)) {
    say('customer', pick(r, COMPLAINTS));
    say('agent', chance(r, 0.8) ? pick(r, EMPATHY) : '您说的情况我记录一下');
  }
  if (chance(r, 0.12))
    say(
      'agent',
      chance(r, 0.5) ? `这个我也不清楚,${pick(r, taboo)}` : `${pick(r, taboo)},您看着办吧`,
    );
  if (chance(r, 0.25)) say('agent', pick(r, POLITE));
  if (chance(r, 0.3)) say('agent', pick(r, PROMISES));
  while (total < chars - 60) {
    const [q, a] = pick(r, CHITCHAT);
    say('customer', q);
    say('agent', a);
  }
  say('agent', chance(r, 0.85) ? '请问还有其他可以帮您的吗' : '好的');
  say('customer', '没有了,谢谢');
  say('agent', chance(r, 0.9) ? '感谢您的来电,祝您生活愉快,再见' : '好的,再见');
  const answerAfter = late ? 13 + Math.floor(r() * 10) : 2 + Math.floor(r() * 8);
  const started = Date.UTC(2026, 10, 22, 1, 0, 0) + i * 60_000;
  return {
    callId: `bench-${i}`,
    tenantId: 'bench',
    direction: 'inbound',
    purpose: chance(r, 0.08) ? 'complaint' : 'service',
    agentId: `a-${i % 50}`,
    teamId: `t-${i % 5}`,
    startedAt: new Date(started).toISOString(),
    answeredAt: new Date(started + answerAfter * 1000).toISOString(),
    endedAt: new Date(started + answerAfter * 1000 + t + 1000).toISOString(),
    hangupBy: chance(r, 0.85) ? 'customer' : 'agent',
    segments,
  };
}

/**
 * The calls of every bench: call i of the stream `seed` names, for one tenant. The same seed gives
 * the same calls in the same order, so runs compare.
 */
export function seededCalls(seed: number, tenantId: string) {
  const r = seededRandom(seed);
  return (i: number, callId = `${tenantId}-${i}`): CallInput => ({
    ...generateCall(r, i, taboo as string[]),
    tenantId,
    callId,
  });
}
