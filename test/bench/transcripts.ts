import type { CallInput } from '@qa/qa-rules';

/** Deterministic PRNG (mulberry32) so every run scores the same calls. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGENT = [
  '您好,示例公司,工号1001,很高兴为您服务',
  '好的,我帮您查询一下,请稍等',
  '感谢您的耐心等待,您的订单已经发出,预计明天送达',
  '这个问题我们会在24小时内给您回复',
  '非常抱歉给您带来不便,我马上为您处理',
  '请问还有其他可以帮您的吗',
  '如有不清楚的地方,您可以随时来电咨询',
  '不知道您现在方便吗,我跟您核对一下地址',
  '这个我不清楚,您问别人吧',
  '您的套餐每月包含三十G流量和五百分钟通话',
  '感谢您的来电,祝您生活愉快,再见',
];
const CUSTOMER = [
  '我想查一下我的订单什么时候发货',
  '上个月的话费怎么扣了这么多',
  '你们一直不处理,我要投诉',
  '好的,谢谢',
  '宽带又断了,已经报修三次了',
  '没有了,就这些',
  '我的退款为什么还没到账',
];

/** A call of about `chars` transcript characters alternating agent and customer turns. */
export function makeCall(r: () => number, i: number, chars = 600): CallInput {
  const segments: CallInput['segments'] = [];
  let t = 0;
  let total = 0;
  let agent = true;
  while (total < chars) {
    const pool = agent ? AGENT : CUSTOMER;
    const text = segments.length === 0 ? AGENT[0] : pool[Math.floor(r() * pool.length)];
    const dur = 1000 + text.length * 200;
    segments.push({ speaker: agent ? 'agent' : 'customer', startMs: t, endMs: t + dur, text });
    t += dur + Math.floor(r() * 3000);
    total += text.length;
    agent = !agent;
  }
  segments.push({ speaker: 'agent', startMs: t, endMs: t + 3000, text: AGENT[AGENT.length - 1] });
  return {
    callId: `bench-${i}`,
    tenantId: 'bench',
    direction: 'inbound',
    purpose: r() < 0.1 ? 'complaint' : 'service',
    agentId: `a-${i % 50}`,
    teamId: `t-${i % 5}`,
    startedAt: '2026-11-22T09:00:00+08:00',
    answeredAt: `2026-11-22T09:00:0${1 + Math.floor(r() * 9)}+08:00`,
    endedAt: '2026-11-22T09:10:00+08:00',
    hangupBy: r() < 0.8 ? 'customer' : 'agent',
    segments,
  };
}

/** 200 forbidden phrases: the seed list plus generated service-taboo variants. */
export function forbiddenList(base: string[], size = 200): string[] {
  const heads = ['这事', '那个', '你这', '我们这边', '这种情况', '你的问题', '这单', '系统'];
  const tails = [
    '不归我们管',
    '我管不了',
    '没法弄',
    '你找别人',
    '跟我没关系',
    '我也没辙',
    '自己想办法',
    '别问我',
    '找领导去',
    '爱咋咋地',
    '不是我的事',
    '我说了不算',
    '你听明白没',
    '说几遍了',
    '烦不烦',
    '等着吧',
    '没空',
    '自己去查',
    '不关我事',
    '不好说',
    '别催了',
    '不行就是不行',
    '我也不懂',
    '你问我我问谁',
    '反正不行',
  ];
  const out = [...base];
  for (const h of heads) for (const t of tails) if (out.length < size) out.push(h + t);
  return out.slice(0, size);
}
