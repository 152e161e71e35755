import { createHash } from 'node:crypto';
import type { CreateCallRequestDto } from './dto/create-call.request.dto';
import type { CallBody } from './calls.types';

/**
 * The stored body. Keys are emitted in sorted order at every level so that JSON.stringify of it is
 * already canonical JSON: hashing needs no sorting pass (a unit test holds this).
 */
export function toCallBody(dto: CreateCallRequestDto): CallBody {
  // Optional fields sent as null mean "not given": dropped, so null and absent hash the same.
  const c = dto.customer ?? undefined;
  return {
    agentId: dto.agentId,
    answeredAt: dto.answeredAt ?? null,
    callId: dto.callId,
    ...(dto.csat != null ? { csat: dto.csat } : {}),
    ...(c
      ? {
          customer: {
            ...(c.id != null ? { id: c.id } : {}),
            ...(c.name != null ? { name: c.name } : {}),
            ...(c.phone != null ? { phone: c.phone } : {}),
          },
        }
      : {}),
    direction: dto.direction,
    ...(dto.disposition != null ? { disposition: dto.disposition } : {}),
    endedAt: dto.endedAt,
    hangupBy: dto.hangupBy,
    ...(dto.hangupCause != null ? { hangupCause: dto.hangupCause } : {}),
    purpose: dto.purpose,
    ...(dto.recordingUrl != null ? { recordingUrl: dto.recordingUrl } : {}),
    ...(dto.relatedCallIds != null ? { relatedCallIds: [...dto.relatedCallIds] } : {}),
    ...(dto.ringCount != null ? { ringCount: dto.ringCount } : {}),
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
