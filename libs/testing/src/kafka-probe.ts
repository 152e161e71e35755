import { createKafka } from '@qa/messaging';
import type { Kafka, Producer } from 'kafkajs';
import { TopicRecorder } from './topic-recorder';

/** A spec's own Kafka client: a connected producer, and a recorder of `topics` started now. */
export async function startKafkaProbe(
  clientId: string,
  topics: string[],
): Promise<{ kafka: Kafka; producer: Producer; recorder: TopicRecorder }> {
  const kafka = createKafka(clientId, process.env.KAFKA_BROKERS!.split(','));
  const producer = kafka.producer();
  await producer.connect();
  const recorder = new TopicRecorder(kafka, topics);
  await recorder.start();
  return { kafka, producer, recorder };
}
