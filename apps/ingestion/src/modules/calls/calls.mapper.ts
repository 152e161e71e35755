import {
  Call,
  CallDirection,
  CallDisposition,
  CallIngested,
  CallPurpose,
  HangupBy,
  Speaker,
} from '@qa/contracts';
import type { CallResponseDto } from './dto/call.response.dto';
import type { CallBody, Disposition } from './calls.types';
import type { CallEntity } from './entities/call.entity';
import { maskPii, piiCipher, sealEventCustomer } from '@qa/pii';
import { maskCustomer } from './pii-masking';

/** As given, or ringing time (answer − start; until hang-up when abandoned) over seconds per ring. */
export function deriveRingCount(body: CallBody, secondsPerRing: number): number {
  if (body.ringCount != null) return body.ringCount;
  const until = body.answeredAt ?? body.endedAt;
  const ringingMs = Math.max(0, Date.parse(until) - Date.parse(body.startedAt));
  return Math.ceil(ringingMs / 1000 / secondsPerRing);
}

const DIRECTION = {
  inbound: CallDirection.CALL_DIRECTION_INBOUND,
  outbound: CallDirection.CALL_DIRECTION_OUTBOUND,
};
const PURPOSE = {
  service: CallPurpose.CALL_PURPOSE_SERVICE,
  complaint: CallPurpose.CALL_PURPOSE_COMPLAINT,
  callback: CallPurpose.CALL_PURPOSE_CALLBACK,
  training: CallPurpose.CALL_PURPOSE_TRAINING,
};
const HANGUP = {
  customer: HangupBy.HANGUP_BY_CUSTOMER,
  agent: HangupBy.HANGUP_BY_AGENT,
  system: HangupBy.HANGUP_BY_SYSTEM,
  unknown: HangupBy.HANGUP_BY_UNKNOWN,
};
const DISPOSITION: Record<Disposition, CallDisposition> = {
  answered: CallDisposition.CALL_DISPOSITION_ANSWERED,
  no_answer: CallDisposition.CALL_DISPOSITION_NO_ANSWER,
  busy: CallDisposition.CALL_DISPOSITION_BUSY,
  failed: CallDisposition.CALL_DISPOSITION_FAILED,
  congestion: CallDisposition.CALL_DISPOSITION_CONGESTION,
};

/** As sent, else what the answer time says. */
export const dispositionOf = (body: CallBody): Disposition =>
  body.disposition ?? (body.answeredAt == null ? 'no_answer' : 'answered');
const SPEAKER = { agent: Speaker.SPEAKER_AGENT, customer: Speaker.SPEAKER_CUSTOMER };

export function toCallIngested(
  body: CallBody,
  ringCount: number,
  ingestedAt: string,
): CallIngested {
  const call: Call = {
    callId: body.callId,
    tenantId: body.tenantId,
    direction: DIRECTION[body.direction],
    purpose: PURPOSE[body.purpose],
    agentId: body.agentId,
    teamId: body.teamId,
    // Every consumer reads this topic; only scoring needs the numbers (for the complaint callback).
    customer: {
      ...sealEventCustomer(piiCipher(), body.tenantId, body.customer),
      name: body.customer?.name ?? '',
    },
    startedAt: body.startedAt,
    answeredAt: body.answeredAt ?? '',
    endedAt: body.endedAt,
    ringCount,
    hangupBy: HANGUP[body.hangupBy],
    segments: body.segments.map((s) => ({
      speaker: SPEAKER[s.speaker],
      startMs: s.startMs,
      endMs: s.endMs,
      text: s.text,
    })),
    recordingUrl: body.recordingUrl ?? '',
    csat: body.csat ?? 0,
    relatedCallIds: body.relatedCallIds ?? [],
    disposition: DISPOSITION[dispositionOf(body)],
    hangupCause: body.hangupCause ?? '',
  };
  return { call, ingestedAt };
}

/**
 * The call as a reader sees it. The stored original is kept; without PII permission the phone,
 * the customer id and name, the recording URL and every transcript line are masked.
 */
export function toCallResponse(entity: CallEntity, canSeePii: boolean): CallResponseDto {
  const b = entity.body;
  const customer = b.customer && (canSeePii ? b.customer : maskCustomer(b.customer));
  return {
    callId: b.callId,
    tenantId: b.tenantId,
    direction: b.direction,
    purpose: b.purpose,
    agentId: b.agentId,
    teamId: b.teamId,
    ...(customer ? { customer } : {}),
    startedAt: b.startedAt,
    answeredAt: b.answeredAt,
    endedAt: b.endedAt,
    ringCount: entity.ringCount,
    ringCountDerived: b.ringCount == null,
    hangupBy: b.hangupBy,
    disposition: dispositionOf(b),
    ...(b.hangupCause !== undefined ? { hangupCause: b.hangupCause } : {}),
    segments: b.segments.map((s) => ({
      speaker: s.speaker,
      startMs: s.startMs,
      endMs: s.endMs,
      text: canSeePii ? s.text : maskPii(s.text),
    })),
    ...(b.recordingUrl !== undefined
      ? { recordingUrl: canSeePii ? b.recordingUrl : maskPii(b.recordingUrl) }
      : {}),
    ...(b.csat !== undefined ? { csat: b.csat } : {}),
    relatedCallIds: b.relatedCallIds ?? [],
    piiMasked: !canSeePii,
    ingestedAt: entity.createdAt.toISOString(),
  };
}
