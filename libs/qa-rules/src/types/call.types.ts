export type Speaker = 'agent' | 'customer';
export type CallDirection = 'inbound' | 'outbound';
/** `training`: role play (模拟通话), scored like any call and kept out of every production KPI. */
export const CALL_PURPOSES = ['service', 'complaint', 'callback', 'training'] as const;
export type CallPurpose = (typeof CALL_PURPOSES)[number];
export type HangupBy = 'customer' | 'agent' | 'system';

export interface SegmentInput {
  speaker: Speaker;
  /** Milliseconds from answeredAt. */
  startMs: number;
  endMs: number;
  text: string;
}

/** The call as DESIGN.md "The call" describes it; the engine tolerates any deviation from it. */
export interface CallInput {
  callId: string;
  tenantId: string;
  direction: CallDirection;
  purpose: CallPurpose;
  agentId: string;
  teamId: string;
  customer?: { phone?: string; id?: string };
  /** Ringing began (ISO 8601). */
  startedAt: string;
  /** null: abandoned before anyone answered. */
  answeredAt: string | null;
  endedAt: string;
  ringCount?: number;
  hangupBy: HangupBy;
  segments: SegmentInput[];
  recordingUrl?: string;
  csat?: number;
  relatedCallIds?: string[];
}

/** One ring is about 3 s (seed manuals): used when neither the call nor the tenant says. */
export const DEFAULT_SECONDS_PER_RING = 3;

/** Tenant settings the rules need. */
export interface EvaluationContext {
  /** Looked for in the greeting. */
  companyName: string;
  secondsPerRing: number;
}
