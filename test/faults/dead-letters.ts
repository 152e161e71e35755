import { DlqHeader } from '@qa/contracts';
import type { Admin, Kafka } from 'kafkajs';

export type Offsets = Map<string, Map<number, string>>;

export interface DeadLetter {
  topic: string;
  key: string;
  reason: string;
  consumer: string;
}

const isDlq = (t: string) => t.endsWith('.dlq');

/** Where each dead-letter topic ends now: what the run adds comes after. */
export async function dlqEnds(admin: Admin): Promise<Offsets> {
  const out: Offsets = new Map();
  for (const topic of (await admin.listTopics()).filter(isDlq)) {
    const parts = await admin.fetchTopicOffsets(topic);
    out.set(topic, new Map(parts.map((p) => [p.partition, p.high])));
  }
  return out;
}

/** Every dead letter written since `from` (topics created meanwhile: from their start). */
export async function deadLettersSince(kafka: Kafka, from: Offsets): Promise<DeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await dlqEnds(admin).finally(() => admin.disconnect());
  const todo = [...ends].filter(([topic, parts]) =>
    [...parts].some(([p, high]) => BigInt(high) > BigInt(from.get(topic)?.get(p) ?? '0')),
  );
  if (todo.length === 0) return [];
  const letters: DeadLetter[] = [];
  const remaining = new Map<string, bigint>();
  for (const [topic, parts] of todo)
    for (const [p, high] of parts) {
      const start = BigInt(from.get(topic)?.get(p) ?? '0');
      if (BigInt(high) > start) remaining.set(`${topic}|${p}`, BigInt(high));
    }
  const consumer = kafka.consumer({ groupId: `qa-faults-dlq-${Date.now()}` });
  await consumer.connect();
  for (const [topic] of todo) await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('dead letters not read in 60 s')), 60_000);
    consumer
      .run({
        eachMessage: async ({ topic, partition, message }) => {
          const k = `${topic}|${partition}`;
          const start = BigInt(from.get(topic)?.get(partition) ?? '0');
          if (BigInt(message.offset) >= start && remaining.has(k)) {
            const h = (name: string) => message.headers?.[name]?.toString() ?? '';
            letters.push({
              topic,
              key: message.key?.toString() ?? '',
              reason: h(DlqHeader.Reason),
              consumer: h(DlqHeader.Consumer),
            });
          }
          if (BigInt(message.offset) + 1n >= (remaining.get(k) ?? 0n)) remaining.delete(k);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return letters;
}
