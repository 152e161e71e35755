import { CallIngested } from './generated/qa/v1/call';
import {
  CallbackCompleted,
  CallbackScheduled,
  ComplaintDetected,
  ComplaintOpened,
  ComplaintSlaBreached,
  ComplaintTransitioned,
} from './generated/qa/v1/complaint';
import {
  EvaluationReviewed,
  EvaluationReviewStep,
  EvaluationScored,
} from './generated/qa/v1/evaluation';
import { KpiUpdated } from './generated/qa/v1/kpi';
import { TenantUpserted } from './generated/qa/v1/tenant';

/** Topic names are a public contract: never rename one, add a `.v2`. */
export const Topics = {
  CallRaw: 'qa.call.raw.v1',
  CallIngested: 'qa.call.ingested.v1',
  EvaluationScored: 'qa.evaluation.scored.v1',
  EvaluationReviewed: 'qa.evaluation.reviewed.v1',
  EvaluationReviewStep: 'qa.evaluation.review-step.v1',
  ComplaintDetected: 'qa.complaint.detected.v1',
  ComplaintOpened: 'qa.complaint.opened.v1',
  ComplaintTransitioned: 'qa.complaint.transitioned.v1',
  ComplaintSlaBreached: 'qa.complaint.sla-breached.v1',
  CallbackScheduled: 'qa.callback.scheduled.v1',
  CallbackCompleted: 'qa.callback.completed.v1',
  KpiUpdated: 'qa.kpi.updated.v1',
  TenantUpserted: 'qa.tenant.upserted.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

/** A ts-proto message codec. */
export interface MessageCodec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(input: Uint8Array): T;
  fromJSON(object: unknown): T;
  toJSON(message: T): unknown;
  fromPartial(object: never): T;
}

/** The codec of every protobuf topic, keyed by its name in Topics (qa.call.raw.v1 is JSON). */
const codecs = {
  [Topics.CallIngested]: CallIngested,
  [Topics.EvaluationScored]: EvaluationScored,
  [Topics.EvaluationReviewed]: EvaluationReviewed,
  [Topics.EvaluationReviewStep]: EvaluationReviewStep,
  [Topics.ComplaintDetected]: ComplaintDetected,
  [Topics.ComplaintOpened]: ComplaintOpened,
  [Topics.ComplaintTransitioned]: ComplaintTransitioned,
  [Topics.ComplaintSlaBreached]: ComplaintSlaBreached,
  [Topics.CallbackScheduled]: CallbackScheduled,
  [Topics.CallbackCompleted]: CallbackCompleted,
  [Topics.KpiUpdated]: KpiUpdated,
  [Topics.TenantUpserted]: TenantUpserted,
};

/** Ties every protobuf topic to its payload type, so a wrong payload does not compile. */
export type EventMap = { [K in keyof typeof codecs]: ReturnType<(typeof codecs)[K]['decode']> };

export type EventTopic = keyof EventMap;

export const Codecs: { [K in EventTopic]: MessageCodec<EventMap[K]> } = codecs;

export const SCHEMA_VERSION = '1';

export const dlqTopic = (topic: string): string => `${topic}.dlq`;
