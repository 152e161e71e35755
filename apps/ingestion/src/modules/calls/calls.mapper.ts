import { createHash } from 'node:crypto';
import { Call, CallDirection, CallIngested, CallPurpose, HangupBy, Speaker } from '@qa/contracts';
import type { CreateCallRequestDto } from './dto/create-call.request.dto';
import type { CallBody } from './calls.types';

/**
 * The stored body. Keys are emitted in sorted order at every level so that JSON.stringify of it is
 * already canonical JSON: hashing needs no sorting pass (a unit test holds this).
 */
export function toCallBody(dto: CreateCallRequestDto): CallBody {
  const c = dto.customer;
  return {
    agentId: dto.agentId,
    answeredAt: dto.answeredAt ?? null,
    callId: dto.callId,
    ...(dto.csat !== undefined ? { csat: dto.csat } : {}),
    ...(c
      ? {
          customer: {
            ...(c.id !== undefined ? { id: c.id } : {}),
            ...(c.phone !== undefined ? { phone: c.phone } : {}),
          },
        }
      : {}),
    direction: dto.direction,
    endedAt: dto.endedAt,
    hangupBy: dto.hangupBy,
    purpose: dto.purpose,
    ...(dto.recordingUrl !== undefined ? { recordingUrl: dto.recordingUrl } : {}),
    ...(dto.relatedCallIds ? { relatedCallIds: [...dto.relatedCallIds] } : {}),
    ...(dto.ringCount !== undefined ? { ringCount: dto.ringCount } : {}),
    segments: dto.segments.map((s) => ({
      endMs: s.endMs,
      speaker: s.speaker,
      startMs: s.startMs,
      text: s.text,
    })),
    startedAt: dto.startedAt,
    teamId: dto.teamId,
    tenantId: dto.tenantId,
  };
}

/** Stable JSON (sorted keys) so the same call hashes the same whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 of the canonical JSON; `body` must come from toCallBody (sorted keys). */
export function hashCallBody(body: CallBody): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

/** Top-level fields whose values differ: what a 409 names. */
export function differingFields(a: CallBody, b: CallBody): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys]
    .filter((k) => canonicalJson(a[k as keyof CallBody]) !== canonicalJson(b[k as keyof CallBody]))
    .sort();
}

export function deriveRingCount(body: CallBody, secondsPerRing: number): number {
  if (body.ringCount !== undefined) return body.ringCount;
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
};
const HANGUP = {
  customer: HangupBy.HANGUP_BY_CUSTOMER,
  agent: HangupBy.HANGUP_BY_AGENT,
  system: HangupBy.HANGUP_BY_SYSTEM,
};
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
    customer: { phone: body.customer?.phone ?? '', id: body.customer?.id ?? '' },
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
  };
  return { call, ingestedAt };
}
