import {
  Call,
  CallDirection,
  CallDisposition,
  CallPurpose,
  HangupBy,
  Speaker,
} from '@qa/contracts';
import type { CallInput } from '@qa/qa-rules';

const DIRECTION: Record<number, CallInput['direction']> = {
  [CallDirection.CALL_DIRECTION_INBOUND]: 'inbound',
  [CallDirection.CALL_DIRECTION_OUTBOUND]: 'outbound',
};
const PURPOSE: Record<number, CallInput['purpose']> = {
  [CallPurpose.CALL_PURPOSE_SERVICE]: 'service',
  [CallPurpose.CALL_PURPOSE_COMPLAINT]: 'complaint',
  [CallPurpose.CALL_PURPOSE_CALLBACK]: 'callback',
  [CallPurpose.CALL_PURPOSE_TRAINING]: 'training',
};
// 'unknown' is passed on as such: the engine judges only customer and agent hang-ups.
const HANGUP: Record<number, CallInput['hangupBy'] | 'unknown'> = {
  [HangupBy.HANGUP_BY_CUSTOMER]: 'customer',
  [HangupBy.HANGUP_BY_AGENT]: 'agent',
  [HangupBy.HANGUP_BY_SYSTEM]: 'system',
  [HangupBy.HANGUP_BY_UNKNOWN]: 'unknown',
};

/**
 * Whether the call is an agent's work to score. An unanswered call (no answer time, or a
 * disposition other than answered: no answer, busy, failed, congestion) is a contact-centre
 * fact — abandon rate, ring time — counted from qa.call.ingested.v1, not an evaluation.
 */
export const isAnsweredCall = (call: Call): boolean =>
  call.answeredAt !== '' &&
  (call.disposition === CallDisposition.CALL_DISPOSITION_UNSPECIFIED ||
    call.disposition === CallDisposition.CALL_DISPOSITION_ANSWERED);

/** The event's call in the engine's input shape (DESIGN.md "The call"). */
export function toCallInput(call: Call): CallInput {
  return {
    callId: call.callId,
    tenantId: call.tenantId,
    direction: DIRECTION[call.direction] ?? 'inbound',
    purpose: PURPOSE[call.purpose] ?? 'service',
    agentId: call.agentId,
    teamId: call.teamId,
    customer: { phone: call.customer?.phone ?? '', id: call.customer?.id ?? '' },
    startedAt: call.startedAt,
    answeredAt: call.answeredAt === '' ? null : call.answeredAt,
    endedAt: call.endedAt,
    ringCount: call.ringCount,
    hangupBy: HANGUP[call.hangupBy] ?? 'system',
    segments: call.segments.map((s) => ({
      speaker: s.speaker === Speaker.SPEAKER_CUSTOMER ? 'customer' : 'agent',
      startMs: s.startMs,
      endMs: s.endMs,
      text: s.text,
    })),
    recordingUrl: call.recordingUrl,
    ...(call.csat ? { csat: call.csat } : {}),
    relatedCallIds: call.relatedCallIds,
  } as CallInput;
}
