import { Logger } from '@nestjs/common';
import { topicMaxMessageBytes } from '@qa/contracts';
import { Admin, ConfigResourceTypes, ConfigSource, Kafka, KafkaJSError } from 'kafkajs';

const logger = new Logger('TopicAdmin');
const ATTEMPTS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Ours ("no leader yet") and kafkajs's retriable errors, also when wrapped as their cause. */
const retriable = (err: unknown): boolean =>
  !(err instanceof KafkaJSError) ||
  err.retriable ||
  (err.cause instanceof KafkaJSError && err.cause.retriable);

const MAX_MESSAGE_BYTES = 'max.message.bytes';

/**
 * Creates missing topics (replication factor 1 suits one broker) with the record size they need,
 * raises `max.message.bytes` on existing ones created before (never lowers it, never touches
 * partitions) and returns once every topic has a leader for every partition. The services start together and
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
              configEntries: sizeConfig(topic),
            })),
          });
          logger.log({ topics: missing, partitions }, 'created topics');
        }
        await raiseRecordSizes(
          admin,
          unique.filter((t) => existing.has(t)),
        );
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

function sizeConfig(topic: string): { name: string; value: string }[] {
  const bytes = topicMaxMessageBytes(topic);
  return bytes === undefined ? [] : [{ name: MAX_MESSAGE_BYTES, value: String(bytes) }];
}

/**
 * Topics made before a size was set (or by hand) keep the broker's 1 MiB: raise them. AlterConfigs
 * replaces a topic's whole set of overrides, so the ones it has are sent along unchanged.
 */
async function raiseRecordSizes(admin: Admin, topics: string[]): Promise<void> {
  const sized = topics.filter((t) => topicMaxMessageBytes(t) !== undefined);
  if (sized.length === 0) return;
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: sized.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
  });
  const low = resources.flatMap((r) => {
    const want = topicMaxMessageBytes(r.resourceName)!;
    const entries = r.configEntries;
    const current = Number(entries.find((e) => e.configName === MAX_MESSAGE_BYTES)?.configValue);
    if (current >= want) return [];
    const overrides = entries
      .filter(
        (e) => e.configSource === ConfigSource.TOPIC_CONFIG && e.configName !== MAX_MESSAGE_BYTES,
      )
      .map((e) => ({ name: e.configName, value: e.configValue }));
    return [
      {
        type: ConfigResourceTypes.TOPIC,
        name: r.resourceName,
        configEntries: [...overrides, { name: MAX_MESSAGE_BYTES, value: String(want) }],
      },
    ];
  });
  if (low.length === 0) return;
  await admin.alterConfigs({ validateOnly: false, resources: low });
  logger.log({ topics: low.map((r) => r.name) }, 'raised max.message.bytes');
}
