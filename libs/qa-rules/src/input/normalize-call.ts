import type { CallInput, Speaker } from '../types';

export interface NormalizedSegment {
  speaker: Speaker;
  startMs: number;
  endMs: number;
  text: string;
}

export interface NormalizedCall {
  direction: 'inbound' | 'outbound';
  purpose: 'service' | 'complaint' | 'callback';
  hangupBy: 'customer' | 'agent' | 'system';
  startedMs: number;
  answeredMs: number | null;
  endedMs: number;
  ringCount: number | null;
  segments: NormalizedSegment[];
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const time = (v: unknown): number => (typeof v === 'string' ? Date.parse(v) : NaN);
const DIRECTIONS = ['inbound', 'outbound'] as const;
const PURPOSES = ['service', 'complaint', 'callback'] as const;
const HANGUPS = ['customer', 'agent', 'system'] as const;

const pick = <T extends string>(v: unknown, allowed: readonly T[], fallback: T): T =>
  allowed.includes(v as T) ? (v as T) : fallback;

/** Coerces whatever arrives into a shape the rules can trust; never throws. */
export function normalizeCall(input: unknown): NormalizedCall {
  const c = (input && typeof input === 'object' ? input : {}) as Partial<CallInput>;
  const raw: unknown[] = Array.isArray(c.segments) ? c.segments : [];
  const segments: NormalizedSegment[] = [];
  for (const s of raw) {
    if (!s || typeof s !== 'object') continue;
    const seg = s as Partial<NormalizedSegment>;
    segments.push({
      speaker: seg.speaker === 'customer' ? 'customer' : 'agent',
      startMs: num(seg.startMs),
      endMs: num(seg.endMs),
      text: typeof seg.text === 'string' ? seg.text : '',
    });
  }
  const answered = c.answeredAt == null ? NaN : time(c.answeredAt);
  const ring = c.ringCount;
  return {
    direction: pick(c.direction, DIRECTIONS, 'inbound'),
    purpose: pick(c.purpose, PURPOSES, 'service'),
    hangupBy: pick(c.hangupBy, HANGUPS, 'system'),
    startedMs: time(c.startedAt),
    answeredMs: Number.isNaN(answered) ? null : answered,
    endedMs: time(c.endedAt),
    ringCount:
      typeof ring === 'number' && Number.isFinite(ring) && ring >= 0 ? Math.floor(ring) : null,
    segments,
  };
}
