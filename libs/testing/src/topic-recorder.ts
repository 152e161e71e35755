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
    // Where `since` starts in each partition: the history before it (calls of up to 5 MiB from
    // earlier suites) is skipped instead of fetched.
    const starts = await this.offsetsSince(since);
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        if (Number(message.timestamp) >= since) this.messages.push({ topic, partition, message });
      },
    });
    for (const s of starts) consumer.seek(s);
    await joined;
  }

  private async offsetsSince(
    since: number,
  ): Promise<{ topic: string; partition: number; offset: string }[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const out: { topic: string; partition: number; offset: string }[] = [];
      for (const topic of this.topics) {
        // A topic not made yet has no history: from the beginning is right for it.
        const entries = await admin.fetchTopicOffsetsByTimestamp(topic, since).catch(() => []);
        for (const e of entries) out.push({ topic, partition: e.partition, offset: e.offset });
      }
      return out;
    } finally {
      await admin.disconnect();
    }
  }

  withKey(topic: string, key: string): RecordedMessage[] {
    return this.messages.filter((m) => m.topic === topic && m.message.key?.toString() === key);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
