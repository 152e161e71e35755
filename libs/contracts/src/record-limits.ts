import { dlqTopic, Topics } from './topics';

/**
 * The largest call value taken on qa.call.raw.v1: the same 5 MiB as one POST /api/v1/calls body,
 * so both ways in accept the same calls. The largest legal call (MAX_CALL_TEXT_CHARS over 2,000
 * segments, every character \u-escaped) is about 3.2 MB of compact JSON: room for whitespace.
 */
export const MAX_CALL_RECORD_BYTES = 5 * 1024 * 1024;

/**
 * Characters of transcript per call, over all segments: 24 hours (the longest call) of speech at
 * 5–6 characters a second. The engine scans at most 200,000 of them (ENGINE_LIMITS).
 */
export const MAX_CALL_TEXT_CHARS = 500_000;

/** Room around one record for its key, headers and the record batch's framing. */
export const RECORD_FRAMING_BYTES = 64 * 1024;

/**
 * What a topic that carries a whole call, or the engine's evidence on one (up to 20,000 hits of
 * up to 50 characters), takes: `max.message.bytes`, per record batch.
 */
export const CALL_TOPIC_MAX_MESSAGE_BYTES = MAX_CALL_RECORD_BYTES + RECORD_FRAMING_BYTES;

/** A dead letter keeps the value and adds headers (the reason alone may be 16,000 characters). */
const CALL_DLQ_MAX_MESSAGE_BYTES = CALL_TOPIC_MAX_MESSAGE_BYTES + RECORD_FRAMING_BYTES;

export const CALL_SIZED_TOPICS: readonly string[] = [
  Topics.CallRaw,
  Topics.CallIngested,
  Topics.EvaluationScored,
  Topics.ComplaintDetected,
];

/**
 * The `max.message.bytes` a topic needs, or undefined for the broker's default (1 MiB), which
 * every other topic's events stay far below.
 */
export function topicMaxMessageBytes(topic: string): number | undefined {
  if (CALL_SIZED_TOPICS.includes(topic)) return CALL_TOPIC_MAX_MESSAGE_BYTES;
  if (CALL_SIZED_TOPICS.some((t) => dlqTopic(t) === topic)) return CALL_DLQ_MAX_MESSAGE_BYTES;
  return undefined;
}

/** The largest record any of our topics takes: consumers fetch at least this much a partition. */
export const LARGEST_TOPIC_MESSAGE_BYTES = CALL_DLQ_MAX_MESSAGE_BYTES;
