import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Span, SpanKind, SpanStatusCode, trace, Tracer } from '@opentelemetry/api';
import {
  contextOfTraceparent,
  EventHeader,
  isSampledTraceparent,
  traceparentOf,
} from '@qa/contracts';
import { Kafka, Message, Partitioners, Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { KAFKA, MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { OutboxRepository } from './outbox.repository';

/**
 * Bytes of events per produce request. A partition's share of one request is one record batch,
 * which the broker holds to the topic's `max.message.bytes` (1 MiB by default): 500 small events
 * fit, a few large calls would not, and the relay would retry that request for ever.
 */
export const SEND_BYTES = 900 * 1024;

const rowBytes = (r: { payload: Buffer; headers: Record<string, string> }) =>
  r.payload.length + Object.entries(r.headers).reduce((n, [k, v]) => n + k.length + v.length, 0);

/** Consecutive runs of rows of at most `max` bytes each; a larger row goes alone. */
export function bySize<T>(
  rows: readonly T[],
  max: number,
  sizeOf: (r: T) => number = rowBytes as (r: T) => number,
): T[][] {
  const out: T[][] = [];
  let part: T[] = [];
  let bytes = 0;
  for (const r of rows) {
    const size = sizeOf(r);
    if (part.length > 0 && bytes + size > max) {
      out.push(part);
      part = [];
      bytes = 0;
    }
    part.push(r);
    bytes += size;
  }
  if (part.length > 0) out.push(part);
  return out;
}

/**
 * Publishes committed outbox rows in id order with the idempotent producer, then marks them sent
 * in the same transaction. A crash between send and commit re-sends; consumers dedupe by event id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private producer?: Producer;
  private connected = false;
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private woken = false;
  private failures = 0;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly tracer: Tracer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly opts: MessagingOptions,
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
  ) {
    // Writers wake the relay after commit (HTTP services, the consumer host): the poll is a backstop.
    this.pollMs = opts.relayPollMs ?? 1000;
    this.batchSize = opts.relayBatchSize ?? 500;
    this.tracer = trace.getTracer(`qa.${opts.service}`);
  }

  onApplicationBootstrap(): void {
    if (this.opts.relay === false) return;
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.producer.on(this.producer.events.DISCONNECT, () => (this.connected = false));
    this.running = true;
    this.loop = this.run();
  }

  wake(): void {
    // A wake while a batch is being read must not be lost: the rows it announces may have
    // committed just after that read, and the next poll would be a second away.
    this.woken = true;
    this.wakeUp?.();
  }

  /** Publishes one batch; returns how many rows were sent. Exposed for tests and benchmarks. */
  async publishBatch(): Promise<number> {
    const producer = this.producer;
    if (!producer) return 0;
    if (!this.connected) {
      await producer.connect();
      this.connected = true;
    }
    const sent = new Map<string, number>();
    const count = await this.dataSource.transaction(async (manager) => {
      if (!(await this.outbox.tryLock(manager))) return 0;
      const rows = await this.outbox.pending(manager, this.batchSize);
      if (rows.length === 0) return 0;
      for (const r of rows) sent.set(r.topic, (sent.get(r.topic) ?? 0) + 1);
      // In id order, so each aggregate's events stay in order across the sends.
      for (const part of bySize(rows, SEND_BYTES)) {
        const byTopic = new Map<string, Message[]>();
        const spans: Span[] = [];
        for (const r of part) {
          const list = byTopic.get(r.topic) ?? [];
          list.push({ key: r.key, value: r.payload, headers: this.traced(r, spans) });
          byTopic.set(r.topic, list);
        }
        try {
          await producer.sendBatch({
            acks: -1,
            topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
          });
        } catch (err) {
          for (const s of spans)
            s.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
          throw err;
        } finally {
          for (const s of spans) s.end();
        }
      }
      await this.outbox.markSent(
        manager,
        rows.map((r) => r.id),
      );
      return rows.length;
    });
    // Counted once committed: a rolled-back batch is sent again and counted then.
    if (count > 0) for (const [topic, n] of sent) this.opts.observer?.published?.(topic, n);
    return count;
  }

  /**
   * A row whose cause is recorded gets a producer span in that trace, and the message carries the
   * span's context; otherwise (export off) the stored headers go out as they are, at no cost.
   */
  private traced(
    r: { topic: string; key: string; headers: Record<string, string> },
    spans: Span[],
  ): Record<string, string> {
    const parent = r.headers[EventHeader.Traceparent];
    if (!isSampledTraceparent(parent)) return r.headers;
    const span = this.tracer.startSpan(
      `send ${r.topic}`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'send',
          'messaging.destination.name': r.topic,
          'messaging.message.id': r.headers[EventHeader.EventId],
        },
      },
      contextOfTraceparent(parent),
    );
    spans.push(span);
    const sent = traceparentOf(span);
    return sent ? { ...r.headers, [EventHeader.Traceparent]: sent } : r.headers;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sent = 0;
      this.woken = false;
      try {
        sent = await this.publishBatch();
        if (this.failures > 0)
          this.logger.log({ failures: this.failures }, 'outbox relay recovered');
        this.failures = 0;
      } catch (err) {
        this.failures++;
        this.connected = false;
        if (this.failures === 1 || this.failures % 10 === 0) {
          this.logger.warn(
            { err: (err as Error).message, failures: this.failures },
            'outbox relay publish failed; will retry',
          );
        }
      }
      if (sent === 0 && this.running && !(this.woken && this.failures === 0)) {
        const backoff =
          this.failures > 0 ? Math.min(5000, 200 * 2 ** Math.min(this.failures, 5)) : this.pollMs;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, backoff);
          // During a failure backoff new rows must not hammer a broker that is down.
          if (this.failures === 0) this.wakeUp = () => (clearTimeout(t), resolve());
        });
        this.wakeUp = undefined;
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    await this.producer?.disconnect();
  }
}
