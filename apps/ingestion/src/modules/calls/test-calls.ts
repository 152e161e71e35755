/** A valid call as sent by a client; tests mutate it. */
export function aCall(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
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
    ...over,
  };
}
