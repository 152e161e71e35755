import { randomUUID } from 'node:crypto';
import { DlqHeader, dlqTopic, EventHeader } from '@qa/contracts';
import { closeKafkaLeftovers, createKafka, DlqReplayer } from '@qa/messaging';
import { TopicRecorder, waitFor } from '@qa/testing';
import { Kafka, Producer } from 'kafkajs';

/** The dead-letter replay tool against the real broker. */
describe('DlqReplayer', () => {
  const topic = `qa.test.dlq-replay.${randomUUID().slice(0, 8)}.v1`;
  let kafka: Kafka;
  let producer: Producer;
  let recorder: TopicRecorder;

  const deadLetter = (key: string, reason: string) => ({
    key,
    value: `payload of ${key}`,
    headers: {
      [EventHeader.EventId]: randomUUID(),
      [EventHeader.TraceId]: `trace-${key}`,
      [DlqHeader.Reason]: reason,
      [DlqHeader.OriginalTopic]: topic,
      [DlqHeader.OriginalPartition]: '0',
      [DlqHeader.OriginalOffset]: '7',
      [DlqHeader.FailedAt]: '2026-11-23T10:00:00.000Z',
      [DlqHeader.Consumer]: 'scoring',
    },
  });

  beforeAll(async () => {
    kafka = createKafka('dlq-replay-test', process.env.KAFKA_BROKERS!.split(','));
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic, numPartitions: 1 },
        { topic: dlqTopic(topic), numPartitions: 2 },
      ],
    });
    await admin.disconnect();
    producer = kafka.producer();
    await producer.connect();
    recorder = new TopicRecorder(kafka, [topic]);
    await recorder.start();
    await producer.send({
      topic: dlqTopic(topic),
      messages: [
        deadLetter('a', '5 attempt(s) failed: connect ECONNREFUSED 127.0.0.1:5432'),
        deadLetter('b', 'invalid: call is missing'),
        deadLetter('c', '5 attempt(s) failed: connect ECONNREFUSED 127.0.0.1:5432'),
      ],
    });
  });

  afterAll(async () => {
    await recorder?.stop();
    await producer?.disconnect();
    if (kafka) await closeKafkaLeftovers(kafka);
  });

  it('lists dead letters with their reasons and filters them', async () => {
    const replayer = new DlqReplayer(kafka);
    const all = await replayer.list(topic);
    expect(all.map((d) => d.key).sort()).toEqual(['a', 'b', 'c']);
    expect(all.find((d) => d.key === 'b')).toMatchObject({
      reason: 'invalid: call is missing',
      originalTopic: topic,
      originalOffset: '7',
      consumer: 'scoring',
    });
    const refused = await replayer.list(topic, { reasonContains: 'ECONNREFUSED' });
    expect(refused.map((d) => d.key).sort()).toEqual(['a', 'c']);
    expect(await replayer.list('qa.test.no-such-topic.v1')).toEqual([]);
  });

  it('replays the matching ones once, to the original topic, without the dead-letter headers', async () => {
    const replayer = new DlqReplayer(kafka);
    const dry = await replayer.replay(topic, { reasonContains: 'ECONNREFUSED', dryRun: true });
    expect(dry).toMatchObject({ read: 3, matched: 2, replayed: 0, dryRun: true });

    const first = await replayer.replay(topic, { reasonContains: 'ECONNREFUSED' });
    expect(first).toMatchObject({ read: 3, matched: 2, replayed: 2, dryRun: false });
    const replayed = await waitFor('both replays on the original topic', () =>
      recorder.messages.length >= 2 ? recorder.messages : undefined,
    );
    expect(replayed.map((m) => m.message.key?.toString()).sort()).toEqual(['a', 'c']);
    const headers = replayed[0].message.headers ?? {};
    expect(Object.keys(headers).filter((h) => h.startsWith('dlq-'))).toEqual([]);
    expect(headers[EventHeader.EventId]).toBeDefined();
    expect(replayed.map((m) => m.message.value?.toString()).sort()).toEqual([
      'payload of a',
      'payload of c',
    ]);

    // The group remembers: nothing is replayed twice, and new dead letters are picked up.
    expect(await replayer.replay(topic)).toMatchObject({ read: 0, replayed: 0 });
    await producer.send({ topic: dlqTopic(topic), messages: [deadLetter('d', 'again')] });
    expect(await replayer.replay(topic)).toMatchObject({ read: 1, matched: 1, replayed: 1 });
  });
});
