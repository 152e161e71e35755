/** A call as a client sends it to POST /api/v1/calls. */
export interface SampleCall {
  callId: string;
  tenantId: string;
  direction: string;
  purpose: string;
  agentId: string;
  teamId: string;
  customer?: { phone?: string; id?: string; name?: string } | null;
  startedAt: string;
  answeredAt?: string | null;
  endedAt: string;
  hangupBy: string;
  segments: { speaker: string; startMs: number; endMs: number; text: string }[];
  [field: string]: unknown;
}

/**
 * A valid call (answered after 7 s, four minutes long); `over` replaces whole fields, and may set
 * invalid values or `undefined` to drop one.
 */
export function sampleCall<T extends Record<string, unknown> = Record<string, never>>(
  over: T = {} as T,
): Omit<SampleCall, keyof T> & T {
  const call: SampleCall = {
    callId: 'c-1',
    tenantId: 'acme',
    direction: 'inbound',
    purpose: 'service',
    agentId: 'a-1',
    teamId: 't-1',
    customer: { phone: '13800138000', id: 'u-1' },
    startedAt: '2026-11-22T09:00:00+08:00',
    answeredAt: '2026-11-22T09:00:07+08:00',
    endedAt: '2026-11-22T09:04:10+08:00',
    hangupBy: 'customer',
    segments: [
      { speaker: 'agent', startMs: 0, endMs: 2800, text: '您好' },
      { speaker: 'customer', startMs: 3000, endMs: 5000, text: '你好' },
    ],
  };
  return { ...call, ...over } as Omit<SampleCall, keyof T> & T;
}
