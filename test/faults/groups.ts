import type { Kafka } from 'kafkajs';

const SERVICES = ['gateway', 'ingestion', 'scoring', 'complaints', 'kpi', 'coaching'];

/**
 * Commits the platform's consumer groups (KAFKA_GROUP_PREFIX + service) at every topic's end, so
 * the services, which start a new group from the beginning, skip what earlier tests left there.
 * One member per group commits for all topics (admin.setOffsets joins the group per topic: slow).
 */
export async function startGroupsAtEnd(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter(
    (t) => t.startsWith('qa.') && !t.endsWith('.dlq'),
  );
  const ends = await Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic)));
  await admin.disconnect();
  const offsets = topics.flatMap((topic, i) =>
    ends[i].map((p) => ({ topic, partition: p.partition, offset: p.high })),
  );
  await Promise.all(
    SERVICES.map(async (app) => {
      const consumer = kafka.consumer({ groupId: `${prefix}${app}` });
      await consumer.connect();
      try {
        await consumer.subscribe({ topics });
        const joined = new Promise<void>((resolve) =>
          consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
        );
        // No auto-commit: what it fetches meanwhile must not commit an offset behind the ends.
        await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
        await joined;
        await consumer.commitOffsets(offsets);
      } finally {
        await consumer.disconnect();
      }
    }),
  );
}

export async function dropGroups(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const ours = groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    if (ours.length) await admin.deleteGroups(ours);
  } finally {
    await admin.disconnect();
  }
}
