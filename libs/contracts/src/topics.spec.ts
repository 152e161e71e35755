import { Codecs, EventMap, EventTopic, Topics } from './topics';

/** One realistic sample per event type: every field set, so a dropped field fails the round trip. */
const samples: { [K in EventTopic]: EventMap[K] } = {
  'qa.call.ingested.v1': {
    call: {
      callId: 'c-1',
      tenantId: 'acme',
      direction: 1,
      purpose: 2,
      agentId: 'a-1',
      teamId: 't-1',
      customer: { phone: '13800138000', id: 'u-77', name: '' },
      startedAt: '2026-11-22T09:00:00+08:00',
      answeredAt: '2026-11-22T09:00:07+08:00',
      endedAt: '2026-11-22T09:04:10+08:00',
      ringCount: 3,
      hangupBy: 1,
      segments: [
        { speaker: 1, startMs: 0, endMs: 2800, text: '您好,XX公司,工号1001,很高兴为您服务' },
      ],
      recordingUrl: 'file:///r.wav',
      csat: 5,
      relatedCallIds: ['c-0'],
      disposition: 1,
      hangupCause: 'NORMAL_CLEARING',
    },
    ingestedAt: '2026-11-22T01:05:00Z',
  },
  'qa.evaluation.scored.v1': {
    evaluationId: 'e-1',
    callId: 'c-1',
    tenantId: 'acme',
    agentId: 'a-1',
    teamId: 't-1',
    scorecardId: 'default',
    scorecardVersion: 2,
    score: 87.5,
    grade: '优秀',
    findings: [
      {
        ruleId: 'forbidden.phrases',
        itemId: 'i-7',
        section: '沟通',
        outcome: 2,
        critical: true,
        evidence: [{ segment: 2, start: 2, end: 5, text: '不清楚' }],
      },
    ],
    sections: [{ section: '礼仪', weight: 30, score: 27.5 }],
    callStartedAt: '2026-11-22T01:00:00Z',
    answeredWithinThreeRings: true,
    forbiddenPhraseCount: 1,
    csat: 4,
    handleSeconds: 243,
    scorecardActive: true,
    callPurpose: 1,
  },
  'qa.evaluation.reviewed.v1': {
    evaluationId: 'e-1',
    callId: 'c-1',
    tenantId: 'acme',
    agentId: 'a-1',
    teamId: 't-1',
    reviewerId: 'u-qa',
    previousScore: 87.5,
    score: 90,
    grade: '最佳',
    overrides: [{ itemId: 'i-7', outcome: 1, reason: '上下文礼貌用语' }],
    finalized: true,
    callStartedAt: '2026-11-22T01:00:00Z',
  },
  'qa.evaluation.review-step.v1': {
    evaluationId: 'e-1',
    callId: 'c-1',
    tenantId: 'acme',
    agentId: 'a-1',
    teamId: 't-1',
    action: 'dispute_decided',
    by: 'lead-zhao',
    role: 'lead',
    disputeId: 'd-1',
    decision: 'partly_accepted',
    itemIds: ['forbidden'],
    score: 87.5,
    version: 5,
    at: '2026-11-30T08:00:00.000Z',
  },
  'qa.complaint.detected.v1': {
    callId: 'c-1',
    tenantId: 'acme',
    agentId: 'a-1',
    teamId: 't-1',
    customerId: 'u-77',
    customerPhone: '13800138000',
    reason: 'keyword',
    evidence: [{ segment: 1, start: 8, end: 10, text: '投诉' }],
    evaluationId: 'e-1',
    callStartedAt: '2026-11-22T01:00:00Z',
  },
  'qa.complaint.opened.v1': {
    ticketId: 'k-1',
    tenantId: 'acme',
    callId: 'c-1',
    agentId: 'a-1',
    teamId: 't-1',
    customerId: 'u-77',
    category: 'billing',
    repeat: true,
    openedAt: '2026-11-22T01:06:00Z',
    dueAt: '2026-11-23T01:06:00Z',
  },
  'qa.complaint.transitioned.v1': {
    ticketId: 'k-1',
    tenantId: 'acme',
    fromStatus: 'open',
    toStatus: 'accepted',
    actorId: 'u-lead',
    reason: '受理',
    version: 2,
    at: '2026-11-22T01:07:00Z',
    teamId: 't-1',
    agentId: 'a-1',
    category: 'billing',
    rootCause: 'policy',
  },
  'qa.complaint.sla-breached.v1': {
    ticketId: 'k-1',
    tenantId: 'acme',
    status: 'investigating',
    dueAt: '2026-11-23T01:06:00Z',
    breachedAt: '2026-11-23T01:06:01Z',
  },
  'qa.callback.scheduled.v1': {
    ticketId: 'k-1',
    tenantId: 'acme',
    attempt: 1,
    dueAt: '2026-11-24T01:00:00Z',
  },
  'qa.callback.completed.v1': {
    ticketId: 'k-1',
    tenantId: 'acme',
    attempt: 1,
    outcome: 'satisfied',
    satisfaction: 5,
    onTime: true,
    doneAt: '2026-11-24T00:30:00Z',
    teamId: 't-1',
    agentId: 'a-1',
  },
  'qa.tenant.upserted.v1': {
    tenantId: 'acme',
    name: 'Acme',
    companyName: '示例公司',
    secondsPerRing: 3,
    timezone: 'Asia/Shanghai',
  },
  'qa.kpi.updated.v1': {
    tenantId: 'acme',
    scope: 'team',
    scopeId: 't-1',
    window: 'hour',
    windowStart: '2026-11-22T01:00:00Z',
    values: [
      { name: 'avgScore', value: 87.5, numerator: 175, denominator: 2 },
      {
        name: 'complaintResolutionRate',
        value: 0.9,
        numerator: 9,
        denominator: 10,
        target: 0.92,
        onTarget: false,
      },
    ],
  },
};

describe('event contracts', () => {
  it('maps every protobuf topic to a codec', () => {
    const protobufTopics = Object.values(Topics).filter((t) => t !== Topics.CallRaw);
    expect(Object.keys(Codecs).sort()).toEqual([...protobufTopics].sort());
  });

  it.each(Object.keys(samples) as EventTopic[])(
    'round-trips %s through protobuf and JSON',
    (topic) => {
      const codec = Codecs[topic] as (typeof Codecs)[EventTopic];
      const sample = samples[topic];
      const bytes = codec.encode(sample as never).finish();
      expect(bytes.length).toBeGreaterThan(0);
      expect(codec.decode(bytes)).toEqual(sample);
      expect(codec.fromJSON(codec.toJSON(sample as never))).toEqual(sample);
    },
  );

  it('names topics qa.<aggregate>.<event>.v<N>', () => {
    for (const topic of Object.values(Topics)) expect(topic).toMatch(/^qa\.[a-z]+\.[a-z-]+\.v\d+$/);
  });
});
