import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Codecs, DlqHeader, dlqTopic, EventMap, EventMeta, EventTopic } from '@qa/contracts';
import { Consumer, IHeaders, Kafka, KafkaMessage, Partitioners, Producer } from 'kafkajs';
import { isInfrastructureError } from '@qa/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { ensureTopics } from '../kafka/topic-admin';
import { InboxRepository } from '../inbox/inbox.repository';
import { OutboxRelay } from '../outbox/outbox.relay';
import { KAFKA, MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { DecodeResult, PermanentConsumeError } from './consume-errors';
import { rawEventMeta, readEventMeta } from './event-headers';

export interface ConsumeContext {
  meta: EventMeta;
  /** The transaction that also records the event in the inbox: write effects through it. */
  manager: EntityManager;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
}

/** One event of a chunk handed to a set-based handler. */
export interface BatchItem<T> {
  event: T;
  meta: EventMeta;
  offset: string;
  key: string | null;
}

export interface BatchContext {
  /** The transaction that also records the chunk's events in the inbox: write effects through it. */
  manager: EntityManager;
  topic: string;
  partition: number;
}

export type BatchHandler<T> = (
  items: ReadonlyArray<BatchItem<T>>,
  ctx: BatchContext,
) => Promise<void>;

interface Prepared {
  reg: Registration;
  meta: EventMeta;
  value: unknown;
  message: KafkaMessage;
  topic: string;
  partition: number;
}

/** What a batch lends to the messages it hands out. */
interface Loop {
  heartbeat(): Promise<void>;
  /** The consumer is stopping or the batch is stale (rebalance): give the partition back. */
  stopping(): boolean;
}

interface Registration {
  decode(value: Buffer | null): DecodeResult<unknown>;
  handle(value: unknown, ctx: ConsumeContext): Promise<void>;
  /** Set-based handlers take the chunk's fresh events at once. */
  handleBatch?: BatchHandler<unknown>;
  /** Raw topics from outside may lack our headers; their id then comes from the record itself. */
  requireHeaders: boolean;
}

/**
 * One consumer group per service. Each message: decode and validate (else dead-letter), then the
 * handler and the inbox row commit in one transaction, so redelivery is a no-op. A message that
 * keeps failing is retried with backoff, then dead-lettered, so it cannot block its partition; a
 * database that is down is waited out instead, so an outage dead-letters nothing.
 */
@Injectable()
export class EventConsumerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EventConsumerHost.name);
  private readonly registrations = new Map<string, Registration>();
  private readonly committedListeners: ((topic: string) => void)[] = [];
  private consumer?: Consumer;
  private dlqProducer?: Producer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly opts: MessagingOptions,
    private readonly dataSource: DataSource,
    private readonly inbox: InboxRepository,
    private readonly relay: OutboxRelay,
  ) {}

  /**
   * Called after each transaction that applied consumed events commits, so a service can act on
   * its effects at once (e.g. aggregate what just landed) instead of polling for them.
   */
  onCommitted(listener: (topic: string) => void): void {
    this.committedListeners.push(listener);
  }

  private committed(topic: string): void {
    // Handlers write their events to the outbox: publish them now, not at the next poll.
    this.relay.wake();
    for (const listener of this.committedListeners) listener(topic);
  }

  on<K extends EventTopic>(
    topic: K,
    handle: (event: EventMap[K], ctx: ConsumeContext) => Promise<void>,
    validate: (event: EventMap[K]) => string[] = () => [],
  ): void {
    this.register(topic, {
      requireHeaders: true,
      decode: protobufDecoder(topic, validate),
      handle: (value, ctx) => handle(value as EventMap[K], ctx),
    });
  }

  /**
   * A set-based handler: each chunk's events not seen before, in one transaction with one inbox
   * claim for the chunk. If the chunk fails, its events are redone one by one (single-item
   * arrays), with retries and then the dead-letter topic, as for `on()`.
   */
  onBatch<K extends EventTopic>(
    topic: K,
    handle: BatchHandler<EventMap[K]>,
    validate: (event: EventMap[K]) => string[] = () => [],
  ): void {
    this.register(topic, batchRegistration(true, protobufDecoder(topic, validate), handle));
  }

  onRaw<T>(
    topic: string,
    decode: (value: Buffer | null) => DecodeResult<T>,
    handle: (value: T, ctx: ConsumeContext) => Promise<void>,
  ): void {
    this.register(topic, {
      requireHeaders: false,
      decode,
      handle: (v, ctx) => handle(v as T, ctx),
    });
  }

  /** `onBatch` for a raw topic from outside (its own decoder; ids from the record if headerless). */
  onRawBatch<T>(
    topic: string,
    decode: (value: Buffer | null) => DecodeResult<T>,
    handle: BatchHandler<T>,
  ): void {
    this.register(topic, batchRegistration(false, decode, handle));
  }

  private register(topic: string, r: Registration): void {
    if (this.consumer) throw new Error(`cannot register ${topic} after the consumer started`);
    if (this.registrations.has(topic))
      throw new Error(`a handler for ${topic} is already registered`);
    this.registrations.set(topic, r);
  }

  async onApplicationBootstrap(): Promise<void> {
    const topics = [...this.registrations.keys()];
    await ensureTopics(
      this.kafka,
      [...this.opts.produces, ...topics, ...topics.map(dlqTopic)],
      this.opts.partitions,
    );
    if (topics.length === 0) return;
    this.dlqProducer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.dlqProducer.connect();
    const consumer = this.kafka.consumer({
      groupId: this.opts.groupId ?? this.opts.service,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      // Measured: 500 ms here raised the pipeline's p50 from ~10 to ~15-26 ms.
      maxWaitTimeInMs: 100,
      // maxBytesPerPartition stays at 1 MiB: a larger record (calls take up to 5 MiB) still comes
      // whole, alone in its fetch (Fetch v3+), as test/e2e/record-size.int-spec.ts shows.
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5000 },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.logger.error(
        { err: payload.error.message, restart: payload.restart },
        'consumer crashed',
      );
      if (!payload.restart) this.opts.onFatal?.(payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      // Each partition's chunks stay in order; partitions no longer wait for one another.
      partitionsConsumedConcurrently: this.opts.partitionsConcurrency ?? this.opts.partitions,
      eachBatchAutoResolve: false,
      eachBatch: async ({
        batch,
        resolveOffset,
        heartbeat,
        isRunning,
        isStale,
        commitOffsetsIfNecessary,
      }) => {
        const chunkSize = this.opts.consumeChunkSize ?? 100;
        for (let i = 0; i < batch.messages.length; i += chunkSize) {
          if (!isRunning() || isStale()) break;
          const chunk = batch.messages.slice(i, i + chunkSize);
          const loop: Loop = { heartbeat, stopping: () => !isRunning() || isStale() };
          const done = await this.processChunk(batch.topic, batch.partition, chunk, loop);
          // Stopped while waiting for the database: leave the rest for redelivery (the inbox
          // skips what was already applied).
          if (!done) break;
          resolveOffset(chunk[chunk.length - 1].offset);
          await heartbeat();
        }
        await commitOffsetsIfNecessary();
      },
    });
    this.logger.log(
      { topics, groupId: this.opts.groupId ?? this.opts.service },
      'consumer running',
    );
  }

  /** Decodes and validates; dead-letters what cannot be handled and returns null for it. */
  private async prepare(
    topic: string,
    partition: number,
    message: KafkaMessage,
  ): Promise<Prepared | null> {
    const reg = this.registrations.get(topic);
    if (!reg)
      return this.deadLetter(topic, partition, message, `no handler for ${topic}`).then(() => null);
    let meta = readEventMeta(message.headers, topic);
    if (typeof meta === 'string') {
      if (reg.requireHeaders)
        return this.deadLetter(topic, partition, message, meta).then(() => null);
      meta = rawEventMeta(topic, partition, message);
    } else if (!reg.requireHeaders) {
      // An outside producer's event ids need not be unique: two records with one id are two
      // records. The record's own id (position, time, digest) keeps redeliveries out.
      meta = { ...meta, eventId: rawEventMeta(topic, partition, message).eventId };
    }
    let decoded: DecodeResult<unknown>;
    try {
      decoded = reg.decode(message.value);
    } catch (err) {
      // A throwing decoder must not make a poison pill that stalls the partition. Only the error's
      // name goes out: its message may quote the payload.
      const name = err instanceof Error ? err.name : typeof err;
      return this.deadLetter(topic, partition, message, `the decoder failed (${name})`).then(
        () => null,
      );
    }
    if (!decoded.ok)
      return this.deadLetter(topic, partition, message, decoded.reason).then(() => null);
    return { reg, meta, value: decoded.value, message, topic, partition };
  }

  /**
   * The whole chunk in one transaction (one inbox claim and one commit instead of one per event);
   * if anything in it fails, each message is redone alone with retries, so one bad event cannot
   * hold up the rest.
   */
  private async processChunk(
    topic: string,
    partition: number,
    messages: KafkaMessage[],
    loop: Loop,
  ): Promise<boolean> {
    const ready: Prepared[] = [];
    for (const m of messages) {
      const p = await this.prepare(topic, partition, m);
      if (p) ready.push(p);
    }
    if (ready.length === 0) return true;
    if (ready.length > 1) {
      try {
        await this.dataSource.transaction((manager) => this.apply(manager, ready));
        this.committed(topic);
        return true;
      } catch (err) {
        this.logger.warn(
          { topic, partition, size: ready.length, err: (err as Error).message },
          'chunk failed; handling its messages one by one',
        );
      }
    }
    for (const p of ready) if (!(await this.processOne(p, loop))) return false;
    return true;
  }

  /** Claims the events in the inbox and hands the ones not seen before to the handler. */
  private async apply(manager: EntityManager, ready: Prepared[]): Promise<void> {
    const { reg, topic, partition } = ready[0];
    const fresh = await this.inbox.claimMany(
      manager,
      ready.map((p) => ({ eventId: p.meta.eventId, topic, partition, offset: p.message.offset })),
    );
    // The first copy of an event id repeated within the chunk is the one applied.
    const todo = ready.filter((p) => fresh.delete(p.meta.eventId));
    if (todo.length === 0) return;
    if (reg.handleBatch) {
      const items = todo.map((p) => ({
        event: p.value,
        meta: p.meta,
        offset: p.message.offset,
        key: p.message.key?.toString() ?? null,
      }));
      await reg.handleBatch(items, { manager, topic, partition });
      return;
    }
    for (const p of todo) {
      await reg.handle(p.value, {
        meta: p.meta,
        manager,
        topic,
        partition,
        offset: p.message.offset,
        key: p.message.key?.toString() ?? null,
      });
    }
  }

  /**
   * One message in its own transaction. A failure of the message is retried a few times, then
   * dead-lettered; a database that is down is waited out for as long as it takes (no message could
   * be handled meanwhile), heartbeating. False when the consumer stops before it succeeds.
   */
  private async processOne(p: Prepared, loop: Loop): Promise<boolean> {
    const maxAttempts = this.opts.maxAttempts ?? 5;
    const base = this.opts.retryBaseMs ?? 200;
    const where = { topic: p.topic, partition: p.partition, offset: p.message.offset };
    let outage = 0;
    for (let attempt = 1; ;) {
      let delay: number;
      try {
        await this.dataSource.transaction((manager) => this.apply(manager, [p]));
        this.committed(p.topic);
        if (outage > 0) this.logger.log({ topic: p.topic, waits: outage }, 'database back');
        return true;
      } catch (err) {
        const reason = (err as Error)?.message ?? String(err);
        const permanent = err instanceof PermanentConsumeError;
        if (!permanent && isInfrastructureError(err)) {
          if (outage % 10 === 0) {
            this.logger.warn(
              { ...where, waits: outage, err: reason },
              'database unavailable; waiting',
            );
          }
          outage++;
          delay = Math.min(5000, base * 2 ** Math.min(outage, 5));
        } else if (permanent || attempt >= maxAttempts) {
          await this.deadLetter(
            p.topic,
            p.partition,
            p.message,
            `${attempt} attempt(s) failed: ${reason}`,
          );
          return true;
        } else {
          this.logger.warn(
            { ...where, attempt, err: reason, traceId: p.meta.traceId },
            'handler failed; retrying',
          );
          delay = Math.min(10000, base * 2 ** (attempt - 1));
          attempt++;
        }
      }
      await sleep(delay);
      if (loop.stopping()) return false;
      await loop.heartbeat();
    }
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
  ): Promise<void> {
    this.logger.warn(
      { topic, partition, offset: message.offset, reason },
      'dead-lettering message',
    );
    const headers: IHeaders = {
      ...(message.headers ?? {}),
      [DlqHeader.Reason]: clipReason(reason),
      [DlqHeader.OriginalTopic]: topic,
      [DlqHeader.OriginalPartition]: String(partition),
      [DlqHeader.OriginalOffset]: message.offset,
      [DlqHeader.FailedAt]: new Date().toISOString(),
      [DlqHeader.Consumer]: this.opts.service,
    };
    // If this send fails the offset is not committed, so the message comes back: nothing is lost.
    await this.dlqProducer!.send({
      topic: dlqTopic(topic),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
  }

  async onModuleDestroy(): Promise<void> {
    // disconnect() waits for the in-flight batch and commits its resolved offsets.
    await this.consumer?.disconnect();
    await this.dlqProducer?.disconnect();
  }
}

function protobufDecoder<K extends EventTopic>(
  topic: K,
  validate: (event: EventMap[K]) => string[],
): (value: Buffer | null) => DecodeResult<EventMap[K]> {
  const codec = Codecs[topic];
  return (value) => {
    if (!value || value.length === 0) return { ok: false, reason: 'empty payload' };
    let event: EventMap[K];
    try {
      event = codec.decode(value);
    } catch (err) {
      return { ok: false, reason: `undecodable protobuf: ${(err as Error).message}` };
    }
    const problems = validate(event);
    return problems.length
      ? { ok: false, reason: `invalid: ${problems.join('; ')}` }
      : { ok: true, value: event };
  };
}

function batchRegistration<T>(
  requireHeaders: boolean,
  decode: (value: Buffer | null) => DecodeResult<T>,
  handleBatch: BatchHandler<T>,
): Registration {
  return {
    requireHeaders,
    decode,
    handleBatch: handleBatch as BatchHandler<unknown>,
    // Never called: apply() prefers handleBatch.
    handle: () => Promise.reject(new Error('set-based registration')),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Far above any call's list of field errors, far below the broker's message size. */
export const MAX_REASON = 16_000;

/**
 * The reason as one header: whole up to MAX_REASON characters; past it, cut between two reasons
 * ("; "), never mid-sentence, saying how many were left out.
 */
export function clipReason(reason: string, max = MAX_REASON): string {
  if (reason.length <= max) return reason;
  const parts = reason.split('; ');
  let out = '';
  let kept = 0;
  for (const part of parts) {
    const next = kept === 0 ? part : `${out}; ${part}`;
    if (next.length > max - 40) break;
    out = next;
    kept++;
  }
  if (kept === 0) return `${reason.slice(0, max - 1)}…`;
  return `${out}; … and ${parts.length - kept} more`;
}
