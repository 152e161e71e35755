import { Logger } from '@nestjs/common';
import { Kafka, KafkaJSError } from 'kafkajs';

const logger = new Logger('TopicAdmin');
const ATTEMPTS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Ours ("no leader yet") and kafkajs's retriable errors, also when wrapped as their cause. */
const retriable = (err: unknown): boolean =>
  !(err instanceof KafkaJSError) ||
  err.retriable ||
  (err.cause instanceof KafkaJSError && err.cause.retriable);

/**
 * Creates missing topics (never changes existing ones; replication factor 1 suits one broker) and
 * returns once every topic has a leader for every partition. The services start together and
 * create the same topics: a topic another service is creating shows up as unknown or leaderless
 * for a moment, which kafkajs reports as an error, so the whole step is retried.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: string[],
  partitions: number,
): Promise<void> {
  const unique = [...new Set(topics)];
  if (unique.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = unique.filter((t) => !existing.has(t));
        if (missing.length > 0) {
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((topic) => ({
              topic,
              numPartitions: partitions,
              replicationFactor: -1,
            })),
          });
          logger.log({ topics: missing, partitions }, 'created topics');
        }
        const { topics: described } = await admin.fetchTopicMetadata({ topics: unique });
        const leaderless = described.filter((t) => t.partitions.some((p) => p.leader < 0));
        if (leaderless.length === 0) return;
        throw new Error(`no leader yet for ${leaderless.map((t) => t.name).join(', ')}`);
      } catch (err) {
        if (attempt >= ATTEMPTS || !retriable(err)) throw err;
        logger.warn({ attempt, err: (err as Error).message }, 'topics not ready; retrying');
        await sleep(Math.min(2000, 100 * attempt));
      }
    }
  } finally {
    await admin.disconnect();
  }
}
