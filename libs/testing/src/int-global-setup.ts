import { Kafka, logLevel } from 'kafkajs';
import { applyKafkajsIdleLoopFix } from '@qa/messaging';

/**
 * Once per integration run: make a fresh broker create its offsets topic and load the group
 * and transaction coordinators, which take seconds the first time and would otherwise land inside the first test.
 */
export default async function warmUpBroker(): Promise<void> {
  applyKafkajsIdleLoopFix();
  const kafka = new Kafka({
    clientId: 'test-warm-up',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
    retry: { retries: 20, initialRetryTime: 300, maxRetryTime: 3000 },
  });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic: 'qa.test.warm-up', numPartitions: 1 }],
    waitForLeaders: true,
  });
  await admin.disconnect();
  // An idempotent producer makes the broker load its transaction-state coordinator too.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  await producer.send({ topic: 'qa.test.warm-up', messages: [{ key: 'w', value: 'w' }] });
  await producer.disconnect();
  const consumer = kafka.consumer({ groupId: `test.warm-up.${Date.now()}`, sessionTimeout: 10000 });
  const joined = new Promise<void>((resolve) =>
    consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
  );
  await consumer.connect();
  await consumer.subscribe({ topics: ['qa.test.warm-up'], fromBeginning: true });
  await consumer.run({ eachMessage: async () => undefined });
  await joined;
  await consumer.disconnect();
}
