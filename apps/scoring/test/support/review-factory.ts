import { compileScorecard, defaultScorecard, evaluateCall } from '@qa/qa-rules';
import type { ReviewedEvaluation } from '../../src/modules/reviews/review-rules';

/** A real engine result (greeting passes, forbidden.phrases fails, one manual item pending). */
export function engineResult() {
  const call = {
    callId: 'c-1',
    tenantId: 't',
    direction: 'inbound',
    purpose: 'service',
    agentId: 'a-1',
    teamId: 't-1',
    customer: { phone: '', id: '' },
    startedAt: '2026-11-22T01:00:00Z',
    answeredAt: '2026-11-22T01:00:05Z',
    endedAt: '2026-11-22T01:01:00Z',
    hangupBy: 'customer',
    segments: [
      { speaker: 'agent', startMs: 0, endMs: 3000, text: '您好,星河通信,工号1001,很高兴为您服务' },
      { speaker: 'customer', startMs: 3500, endMs: 6000, text: '我的宽带又断了' },
      {
        speaker: 'agent',
        startMs: 6500,
        endMs: 9000,
        text: '这个我不清楚,请问还有其他可以帮您的吗',
      },
      { speaker: 'agent', startMs: 9500, endMs: 12000, text: '感谢您的来电,再见' },
    ],
    recordingUrl: '',
    relatedCallIds: [],
  } as unknown as Parameters<typeof evaluateCall>[1];
  return evaluateCall(compileScorecard(defaultScorecard()), call, {
    companyName: '星河通信',
    secondsPerRing: 3,
  });
}

export function evaluation(over: Partial<ReviewedEvaluation> = {}): ReviewedEvaluation {
  return {
    result: engineResult(),
    currentResult: null,
    review: { decisions: {} },
    reviewItems: [],
    status: 'auto',
    ...over,
  };
}

export const actor = { by: 'qa-1', at: '2026-11-30T00:00:00.000Z' };
