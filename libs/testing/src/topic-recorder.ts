import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, KafkaMessage } from 'kafkajs';

export interface RecordedMessage {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/** Records every message that arrives on the topics after start(): the test's view of the wire. */
export class TopicRecorder {
  readonly messages: RecordedMessage[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly topics: string[],
  ) {}

  async start(): Promise<void> {
    // From the beginning, keeping only what was written since now: starting at "latest" races with
    // the first fetch, and a message produced in between would never be seen.
    const since = Date.now() - 2000;
    const consumer = this.kafka.consumer({
      groupId: `test-recorder-${randomUUID()}`,
      sessionTimeout: 10000,
      maxWaitTimeInMs: 100,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
    );
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        if (Number(message.timestamp) >= since) this.messages.push({ topic, partition, message });
      },
    });
    await joined;
  }

  withKey(topic: string, key: string): RecordedMessage[] {
    return this.messages.filter((m) => m.topic === topic && m.message.key?.toString() === key);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
