import { DlqHeader, dlqTopic } from '@qa/contracts';
import { IHeaders, Kafka, KafkaMessage, Partitioners } from 'kafkajs';
import { headerText } from '../consumer/event-headers';

export interface DeadLetter {
  partition: number;
  offset: string;
  key: string | null;
  reason: string;
  originalTopic: string;
  originalOffset: string;
  failedAt: string;
  consumer: string;
}

export interface DlqFilter {
  /** Only messages with this key (call id, ticket id). */
  key?: string;
  /** Only messages whose reason contains this text. */
  reasonContains?: string;
}

export interface ReplaySummary {
  topic: string;
  /** Dead letters read that this replayer had not handled before. */
  read: number;
  matched: number;
  replayed: number;
  dryRun: boolean;
}

const DLQ_HEADERS = new Set<string>(Object.values(DlqHeader));
const IDLE_MS = 15_000;

/**
 * Reads a topic's dead letters and sends them back to the topic they came from, once the cause is
 * fixed (a database that was down too long, a bug since deployed). Headers are kept (the event id
 * too, so the inbox still dedupes) minus the dead-letter ones. Replays go through a consumer group
 * of their own, so each dead letter is replayed at most once; a message that fails again is
 * dead-lettered anew and can be replayed again.
 */
export class DlqReplayer {
  constructor(private readonly kafka: Kafka) {}

  /** Every dead letter of `topic` up to now (nothing is committed). */
  async list(topic: string, filter: DlqFilter = {}): Promise<DeadLetter[]> {
    const out: DeadLetter[] = [];
    await this.read(topic, `qa.dlq-list.${process.pid}.${Date.now()}`, false, async (m, p) => {
      const d = toDeadLetter(m, p);
      if (matches(d, filter)) out.push(d);
    });
    return out;
  }

  /** Replays what this replayer has not replayed before; with dryRun, only counts. */
  async replay(
    topic: string,
    opts: DlqFilter & { dryRun?: boolean; groupId?: string } = {},
  ): Promise<ReplaySummary> {
    const summary: ReplaySummary = {
      topic,
      read: 0,
      matched: 0,
      replayed: 0,
      dryRun: !!opts.dryRun,
    };
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    if (!opts.dryRun) await producer.connect();
    try {
      const group = opts.dryRun
        ? `qa.dlq-dry-run.${process.pid}.${Date.now()}`
        : (opts.groupId ?? `qa.dlq-replay.${topic}`);
      await this.read(topic, group, !opts.dryRun, async (m, p) => {
        summary.read++;
        const d = toDeadLetter(m, p);
        if (!matches(d, opts)) return;
        summary.matched++;
        if (opts.dryRun) return;
        await producer.send({
          topic: d.originalTopic || topic,
          acks: -1,
          messages: [{ key: m.key, value: m.value, headers: withoutDlqHeaders(m.headers) }],
        });
        summary.replayed++;
      });
    } finally {
      if (!opts.dryRun) await producer.disconnect();
    }
    return summary;
  }

  /**
   * Reads `<topic>.dlq` from the group's position (the beginning for a new group) up to the end as
   * it is now, one message at a time; with commit, the group's offsets advance past each one.
   */
  private async read(
    topic: string,
    groupId: string,
    commit: boolean,
    each: (m: KafkaMessage, partition: number) => Promise<void>,
  ): Promise<void> {
    const dlq = dlqTopic(topic);
    const admin = this.kafka.admin();
    await admin.connect();
    // Per partition: where the log ends now, for the partitions with something left to read.
    const ends = new Map<number, bigint>();
    try {
      if (!(await admin.listTopics()).includes(dlq)) return;
      // A new group starts at the beginning (the low watermark); an existing one where it left.
      const committed = await admin.fetchOffsets({ groupId, topics: [dlq] });
      const at = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, p.offset]));
      for (const o of await admin.fetchTopicOffsets(dlq)) {
        const offset = at.get(o.partition) ?? '-1';
        const start = BigInt(offset === '-1' ? o.low : offset);
        if (BigInt(o.high) > start) ends.set(o.partition, BigInt(o.high));
      }
    } finally {
      await admin.disconnect();
    }
    const pending = new Set(ends.keys());
    if (pending.size === 0) return;
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [dlq], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        // Offsets can skip (compaction, transaction markers): stop when nothing came for a while.
        let idle = setTimeout(resolve, IDLE_MS);
        const finish = () => (clearTimeout(idle), resolve());
        consumer
          .run({
            autoCommit: commit,
            eachMessage: async ({ partition, message }) => {
              clearTimeout(idle);
              idle = setTimeout(resolve, IDLE_MS);
              if (!pending.has(partition)) return;
              if (BigInt(message.offset) < ends.get(partition)!) await each(message, partition);
              if (BigInt(message.offset) + 1n >= ends.get(partition)!) {
                pending.delete(partition);
                if (pending.size === 0) finish();
              }
            },
          })
          .catch(reject);
        consumer.on(consumer.events.CRASH, ({ payload }) => {
          clearTimeout(idle);
          reject(payload.error);
        });
      });
    } finally {
      await consumer.disconnect();
    }
  }
}

function toDeadLetter(m: KafkaMessage, partition: number): DeadLetter {
  const h = (name: string) => headerText(m.headers, name) ?? '';
  return {
    partition,
    offset: m.offset,
    key: m.key?.toString('utf8') ?? null,
    reason: h(DlqHeader.Reason),
    originalTopic: h(DlqHeader.OriginalTopic),
    originalOffset: h(DlqHeader.OriginalOffset),
    failedAt: h(DlqHeader.FailedAt),
    consumer: h(DlqHeader.Consumer),
  };
}

function matches(d: DeadLetter, f: DlqFilter): boolean {
  return (
    (f.key === undefined || d.key === f.key) &&
    (f.reasonContains === undefined || d.reason.includes(f.reasonContains))
  );
}

function withoutDlqHeaders(headers: IHeaders | undefined): IHeaders {
  const out: IHeaders = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!DLQ_HEADERS.has(name) && value !== undefined) out[name] = value;
  }
  return out;
}
