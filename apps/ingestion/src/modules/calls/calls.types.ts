export type Speaker = 'agent' | 'customer';

export interface CallSegment {
  speaker: Speaker;
  startMs: number;
  endMs: number;
  text: string;
}

/** The call as accepted (DESIGN.md "The call"), normalised; stored as-is in `calls.body`. */
export interface CallBody {
  callId: string;
  tenantId: string;
  direction: 'inbound' | 'outbound';
  purpose: 'service' | 'complaint' | 'callback';
  agentId: string;
  teamId: string;
  customer?: { phone?: string; id?: string };
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  ringCount?: number;
  hangupBy: 'customer' | 'agent' | 'system';
  segments: CallSegment[];
  recordingUrl?: string;
  csat?: number;
  relatedCallIds?: string[];
}
