import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import {
  CallPurpose,
  EvaluationReviewed,
  EvaluationScored,
  FindingOutcome,
  Topics,
} from '@qa/contracts';
import { createKafka } from '@qa/messaging';
import { createService } from '@qa/platform';
import { waitFor } from '@qa/testing';
import { Kafka, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { coachingServiceOptions } from '../../apps/coaching/src/coaching.options';
import { publishSent, Sent, sent } from './kpi-support';

/** The coaching service as main.ts runs it, and a producer that sends events as scoring would. */
export class CoachingHarness {
  app!: INestApplication;
  kafka!: Kafka;
  producer!: Producer;

  async start(): Promise<void> {
    // Loaded now: the module validates the environment when it is first imported.
    const { AppModule } = await import('../../apps/coaching/src/app.module');
    this.app = await createService(AppModule, coachingServiceOptions);
    await this.app.listen(0);
    this.kafka = createKafka(
      `coaching-test-${randomUUID().slice(0, 8)}`,
      process.env.KAFKA_BROKERS!.split(','),
    );
    this.producer = this.kafka.producer();
    await this.producer.connect();
  }

  async stop(): Promise<void> {
    await this.producer?.disconnect();
    await this.app?.close();
  }

  get db(): DataSource {
    return this.app.get(DataSource);
  }

  get http() {
    return this.app.getHttpServer();
  }

  async publish(events: Sent[]): Promise<void> {
    await publishSent(this.producer, events);
  }

  /** Until the coaching consumers have taken in (or dead-lettered) every one of these events. */
  async settled(events: Sent[]): Promise<void> {
    const ids = [...new Set(events.map((e) => e.eventId))];
    await waitFor(`coaching to consume ${ids.length} events`, async () => {
      const [{ n }] = (await this.db.query(
        `SELECT count(DISTINCT event_id)::int AS n FROM coaching.inbox WHERE event_id = ANY($1::text[])`,
        [ids],
      )) as { n: number }[];
      return n === ids.length;
    });
  }
}

const OUT = {
  pass: FindingOutcome.FINDING_OUTCOME_PASS,
  fail: FindingOutcome.FINDING_OUTCOME_FAIL,
};

/** A scored evaluation with one finding per rule given, as scoring publishes it. */
export function scored(
  tenantId: string,
  agentId: string,
  callStartedAt: string,
  findings: Record<string, 'pass' | 'fail'>,
  over: Partial<EvaluationScored> = {},
): EvaluationScored {
  const evaluationId = randomUUID();
  return {
    evaluationId,
    callId: `c-${evaluationId.slice(0, 8)}`,
    tenantId,
    agentId,
    teamId: 't-1',
    scorecardId: 'default',
    scorecardVersion: 1,
    score: 80,
    grade: '优秀',
    findings: Object.entries(findings).map(([ruleId, outcome], i) => ({
      ruleId,
      itemId: ruleId,
      section: '沟通',
      outcome: OUT[outcome],
      critical: false,
      evidence: outcome === 'fail' ? [{ segment: 2, start: 0, end: 3, text: `不知道${i}` }] : [],
    })),
    sections: [],
    callStartedAt,
    answeredWithinThreeRings: true,
    forbiddenPhraseCount: 0,
    csat: 0,
    handleSeconds: 60,
    scorecardActive: true,
    callPurpose: CallPurpose.CALL_PURPOSE_SERVICE,
    ...over,
  };
}

/** A review that sets one item's outcome against the engine. */
export function reviewed(
  e: EvaluationScored,
  itemId: string,
  outcome: 'pass' | 'fail',
  reason: string,
): EvaluationReviewed {
  return {
    evaluationId: e.evaluationId,
    callId: e.callId,
    tenantId: e.tenantId,
    agentId: e.agentId,
    teamId: e.teamId,
    reviewerId: 'qa-1',
    previousScore: e.score,
    score: e.score - 5,
    grade: e.grade,
    overrides: [{ itemId, outcome: OUT[outcome], reason }],
    finalized: true,
    callStartedAt: e.callStartedAt,
  };
}

export const scoredEvent = (e: EvaluationScored) =>
  sent(Topics.EvaluationScored, e.callId, e, e.tenantId);
export const reviewedEvent = (e: EvaluationReviewed) =>
  sent(Topics.EvaluationReviewed, e.callId, e, e.tenantId);
