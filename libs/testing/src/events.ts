import { randomUUID } from 'node:crypto';
import { Call, Codecs, EventHeader, EventMap, EventTopic, Topics } from '@qa/contracts';
import { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { waitFor } from './wait-for';

/** Publishes one event as its producer would: protobuf payload and the standard headers. */
export async function publishEvent<K extends EventTopic>(
  producer: Producer,
  topic: K,
  key: string,
  payload: EventMap[K],
  tenantId: string,
): Promise<void> {
  const codec = Codecs[topic] as (typeof Codecs)[EventTopic];
  await producer.send({
    topic,
    messages: [
      {
        key,
        value: Buffer.from(codec.encode(payload as never).finish()),
        headers: {
          [EventHeader.EventId]: randomUUID(),
          [EventHeader.EventType]: topic,
          [EventHeader.OccurredAt]: new Date().toISOString(),
          [EventHeader.TenantId]: tenantId,
          [EventHeader.TraceId]: key,
        },
      },
    ],
  });
}

/** An ingested call (1 agent, 2 customer), four seconds a turn, as ingestion would publish it. */
export function ingestedCall(
  tenantId: string,
  callId: string,
  turns: [speaker: 1 | 2, text: string][],
  over: Partial<Call> = {},
): Call {
  return {
    callId,
    tenantId,
    direction: 1,
    purpose: 1,
    agentId: 'a-1',
    teamId: 't-1',
    customer: { phone: '13800138000', id: 'u-1', name: '' },
    startedAt: '2026-11-22T01:00:00Z',
    answeredAt: '2026-11-22T01:00:06Z',
    endedAt: '2026-11-22T01:03:00Z',
    ringCount: 2,
    hangupBy: 1,
    segments: turns.map(([speaker, text], i) => ({
      speaker,
      startMs: i * 4000,
      endMs: i * 4000 + 3000,
      text,
    })),
    recordingUrl: '',
    csat: 0,
    relatedCallIds: [],
    disposition: 1,
    hangupCause: '',
    ...over,
  };
}

/** A scored callback call whose callback.script check passed, quoting `evidence`. */
export function scoredCallbackCall(
  tenantId: string,
  callId: string,
  evidence: string,
): EventMap[typeof Topics.EvaluationScored] {
  return {
    evaluationId: randomUUID(),
    callId,
    tenantId,
    agentId: 'a-1',
    teamId: 't-1',
    scorecardId: 'default',
    scorecardVersion: 1,
    score: 90,
    grade: 'A',
    findings: [
      {
        ruleId: 'callback.script',
        itemId: 'callback',
        section: '沟通',
        outcome: 1,
        critical: false,
        evidence: [{ segment: 1, start: 0, end: evidence.length, text: evidence }],
      },
    ],
    sections: [],
    callStartedAt: '2026-11-30T02:00:00Z',
    answeredWithinThreeRings: true,
    forbiddenPhraseCount: 0,
    csat: 0,
    handleSeconds: 60,
    scorecardActive: true,
    callPurpose: 1,
  };
}

/**
 * Publishes the tenant's settings and waits until the service has them: topics are not ordered
 * with each other, so a test scores nothing before the tenant's settings are in.
 */
export async function announceTenant(
  producer: Producer,
  db: DataSource,
  schema: 'scoring' | 'ingestion',
  tenantId: string,
): Promise<void> {
  await publishEvent(
    producer,
    Topics.TenantUpserted,
    tenantId,
    {
      tenantId,
      name: tenantId,
      companyName: '星河通信',
      secondsPerRing: 3,
      timezone: 'Asia/Shanghai',
    },
    tenantId,
  );
  await waitFor(`the tenant settings in ${schema}`, async () => {
    const rows = (await db.query(`SELECT 1 FROM ${schema}.tenants WHERE tenant_id = $1`, [
      tenantId,
    ])) as unknown[];
    return rows.length === 1;
  });
}
