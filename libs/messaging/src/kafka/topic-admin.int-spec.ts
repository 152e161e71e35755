import { randomUUID } from 'node:crypto';
import { closeKafkaLeftovers, createKafka } from './kafka-client';
import { ensureTopics } from './topic-admin';

/**
 * Against the real broker: services starting together create the same topics at once. Ten clients
 * and thirty topics make kafkajs's own createTopics fail here ("This server does not host this
 * topic-partition", as `npm start` did on a fresh broker in 3 of 4 tries).
 */
describe(ensureTopics.name, () => {
  it('lets several services create the same new topics at the same time', async () => {
    const brokers = process.env.KAFKA_BROKERS!.split(',');
    const clients = Array.from({ length: 10 }, (_, i) => createKafka(`topics-${i}`, brokers));
    try {
      for (let round = 0; round < 3; round++) {
        const run = randomUUID().slice(0, 8);
        const topics = Array.from({ length: 30 }, (_, i) => `qa.test.topics.${run}.${i}`);
        // Each "service" wants an overlapping subset, as ingestion and scoring do.
        await Promise.all(clients.map((kafka, i) => ensureTopics(kafka, topics.slice(i % 3), 3)));
        const admin = clients[0].admin();
        await admin.connect();
        const { topics: described } = await admin.fetchTopicMetadata({ topics });
        await admin.disconnect();
        expect(described.map((t) => t.partitions.length)).toEqual(topics.map(() => 3));
        expect(described.every((t) => t.partitions.every((p) => p.leader >= 0))).toBe(true);
      }
    } finally {
      for (const kafka of clients) await closeKafkaLeftovers(kafka);
    }
  });
});
