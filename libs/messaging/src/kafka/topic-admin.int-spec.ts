import { randomUUID } from 'node:crypto';
import { CALL_TOPIC_MAX_MESSAGE_BYTES, Topics } from '@qa/contracts';
import { ConfigResourceTypes } from 'kafkajs';
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

  it("raises a call topic's max.message.bytes made lower before, keeping its other settings", async () => {
    const kafka = createKafka('topics-size', process.env.KAFKA_BROKERS!.split(','));
    const admin = kafka.admin();
    await admin.connect();
    const topic = Topics.CallIngested;
    const resource = { type: ConfigResourceTypes.TOPIC, name: topic };
    const config = async () => {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ ...resource, configNames: ['max.message.bytes', 'retention.ms'] }],
      });
      return Object.fromEntries(
        resources[0].configEntries.map((e) => [e.configName, e.configValue]),
      );
    };
    try {
      await ensureTopics(kafka, [topic], 3);
      const retention = (await config())['retention.ms'];
      // As an older release (or a person) left it: the broker's default size, a retention set.
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            ...resource,
            configEntries: [
              { name: 'max.message.bytes', value: '1048588' },
              { name: 'retention.ms', value: '86400000' },
            ],
          },
        ],
      });
      // The broker applies a topic's config records one by one: wait until both are in place, or
      // the raise below may read the new size without the new retention and keep the old one.
      const lowered = { 'max.message.bytes': '1048588', 'retention.ms': '86400000' };
      for (let i = 0; i < 100 && JSON.stringify(await config()) !== JSON.stringify(lowered); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(await config()).toEqual(lowered);
      await ensureTopics(kafka, [topic], 3);
      expect(await config()).toEqual({
        'max.message.bytes': String(CALL_TOPIC_MAX_MESSAGE_BYTES),
        'retention.ms': '86400000',
      });
      await admin.alterConfigs({
        validateOnly: false,
        resources: [
          {
            ...resource,
            configEntries: [
              { name: 'max.message.bytes', value: String(CALL_TOPIC_MAX_MESSAGE_BYTES) },
            ],
          },
        ],
      });
      for (let i = 0; i < 100 && (await config())['retention.ms'] !== retention; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect((await config())['retention.ms']).toBe(retention);
    } finally {
      await admin.disconnect();
      await closeKafkaLeftovers(kafka);
    }
  });
});
