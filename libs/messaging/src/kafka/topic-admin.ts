import { Logger } from '@nestjs/common';
import { Kafka } from 'kafkajs';

const logger = new Logger('TopicAdmin');

/** Creates missing topics (never changes existing ones); replication factor 1 suits one broker. */
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
  } finally {
    await admin.disconnect();
  }
}
