import type { CallInput } from '@qa/qa-rules';

// The call as accepted (DESIGN.md "The call"), normalised and stored as-is in `calls.body`: the
// engine's input shape plus what PBX records add (the engine reads what it knows).
export type { SegmentInput as CallSegment, Speaker } from '@qa/qa-rules';

export { CALL_PURPOSES, type CallPurpose } from '@qa/qa-rules';

export const DISPOSITIONS = ['answered', 'no_answer', 'busy', 'failed', 'congestion'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** `unknown`: the source does not say (a CDR), which is not the same as the system hanging up. */
export const HANGUP_BY = ['customer', 'agent', 'system', 'unknown'] as const;
export type HangupBy = (typeof HANGUP_BY)[number];

export interface CallBody extends Omit<CallInput, 'hangupBy' | 'customer'> {
  customer?: { phone?: string; id?: string; name?: string };
  hangupBy: HangupBy;
  /** As the PBX recorded it; absent = answered when answeredAt is set, else no_answer. */
  disposition?: Disposition;
  /** Q.850 cause name (NORMAL_CLEARING, USER_BUSY…). */
  hangupCause?: string;
}
