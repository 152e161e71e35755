import type { CallInput } from '@qa/qa-rules';
import { seededRandom } from '../bench/transcripts';

export const FAULT_COMPANY = '星河通信';

/** What a generated call is meant to be, so the checks can say what they expected. */
export type CallKind = 'service' | 'unanswered' | 'complaint-words' | 'complaint-purpose';

export interface FaultCall {
  kind: CallKind;
  body: CallInput;
}

const ASKS = [
  '我家宽带一直断断续续的',
  '我想查一下上个月的账单',
  '我的快递还没到',
  '退款什么时候到账',
];
const ANSWERS = [
  '系统显示片区线路在维护,预计今天下午六点前恢复',
  '您这笔费用是增值业务产生的,我已经帮您退订了',
  '您的包裹在转运中心,预计明天送达',
  '退款已经原路退回,一般三到五个工作日到账',
];

/**
 * The fault test's calls: short service calls (cheap to score, so the run is about the faults),
 * some unanswered, and complaints both by the customer's words and by purpose. Deterministic for
 * a seed; event times packed into a few hours so the KPI check covers few buckets.
 */
export function faultCalls(seed: number, tenantId: string, runId: string, baseMs: number) {
  const r = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  return (i: number): FaultCall => {
    const x = r();
    const kind: CallKind =
      x < 0.03
        ? 'unanswered'
        : x < 0.042
          ? 'complaint-words'
          : x < 0.048
            ? 'complaint-purpose'
            : 'service';
    const started = baseMs + i * 400;
    const answeredAt = kind === 'unanswered' ? null : started + 4000 + Math.floor(r() * 5000);
    const say = (speaker: 'agent' | 'customer', startMs: number, text: string) => ({
      speaker,
      startMs,
      endMs: startMs + 2500,
      text,
    });
    const segments =
      answeredAt === null
        ? []
        : [
            say('agent', 0, `您好,${FAULT_COMPANY},工号${1000 + (i % 20)},很高兴为您服务`),
            say('customer', 3000, `你好,${pick(ASKS)}`),
            say('agent', 6000, `好的,${pick(ANSWERS)}`),
            ...(kind === 'complaint-words'
              ? [
                  say('customer', 9000, '你们一直不处理,我要投诉'),
                  say('agent', 12000, '非常抱歉给您带来不便,我马上帮您加急处理'),
                ]
              : []),
            say('agent', 15000, '请问还有其他可以帮您的吗'),
            say('customer', 18000, '没有了,谢谢'),
            say('agent', 21000, '感谢您的来电,祝您生活愉快,再见'),
          ];
    const ended = (answeredAt ?? started + 20_000) + 25_000;
    return {
      kind,
      body: {
        callId: `${runId}-${i}`,
        tenantId,
        direction: 'inbound',
        purpose: kind === 'complaint-purpose' ? 'complaint' : 'service',
        agentId: `a-${i % 20}`,
        teamId: `t-${i % 4}`,
        customer: { phone: `1380013${String(i % 10000).padStart(4, '0')}`, id: `u-${runId}-${i}` },
        startedAt: new Date(started).toISOString(),
        answeredAt: answeredAt === null ? null : new Date(answeredAt).toISOString(),
        endedAt: new Date(ended).toISOString(),
        hangupBy: 'customer',
        segments,
      } as CallInput,
    };
  };
}

/**
 * An outbound follow-up (回访) about the call `of`: the script the `callback.script` rule checks,
 * and a customer who says the problem is settled, so the ticket's callback is done.
 */
export function callbackCall(of: CallInput, callId: string, endedMs: number): CallInput {
  const started = endedMs - 40_000;
  const seg = (speaker: 'agent' | 'customer', startMs: number, text: string) => ({
    speaker,
    startMs,
    endMs: startMs + 2500,
    text,
  });
  return {
    callId,
    tenantId: of.tenantId,
    direction: 'outbound',
    purpose: 'callback',
    agentId: of.agentId,
    teamId: of.teamId,
    customer: of.customer,
    startedAt: new Date(started).toISOString(),
    answeredAt: new Date(started + 5000).toISOString(),
    endedAt: new Date(endedMs).toISOString(),
    hangupBy: 'customer',
    relatedCallIds: [of.callId],
    segments: [
      seg('agent', 0, `您好,我是${FAULT_COMPANY}的客服专员,工号1001`),
      seg('agent', 3000, '请问是机主本人吗'),
      seg('customer', 6000, '是我'),
      seg('agent', 9000, '请问您现在方便接听电话吗'),
      seg('customer', 12000, '方便'),
      seg('agent', 15000, '关于您之前反映的问题,现在已经处理好了吗,您对处理结果满意吗'),
      seg('customer', 18000, '已经好了,很满意'),
      seg('agent', 21000, '感谢您的支持,祝您生活愉快,再见'),
    ],
  } as CallInput;
}
