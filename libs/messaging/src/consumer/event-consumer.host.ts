import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { dlqTopic } from '@qa/contracts';
import { Consumer, Kafka } from 'kafkajs';
import { DeadLetterPublisher } from '../dlq/dead-letter.publisher';
import { untilReachable } from '@qa/persistence';
import { BROKER_STARTUP_WAIT_MS, isBrokerUnreachable } from '../kafka/broker-unreachable';
import { ensureTopics } from '../kafka/topic-admin';
import { KAFKA, MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { EventApplier, Loop } from './event-applier';
import { Registration, registrationOf } from './event-registration';

/**
 * The service's Kafka transport (a Nest custom transport strategy): one consumer group per
 * service, feeding each topic's `@EventPattern` handler chunk by chunk through the EventApplier.
 *
 * It starts with the app (onApplicationBootstrap), as HTTP does on `listen()`, so a service needs no
 * `startAllMicroservices()`; `listen()` (what that calls) waits for the same start.
 */
@Injectable()
export class EventConsumerHost
  extends Server
  implements CustomTransportStrategy, OnApplicationBootstrap, OnModuleDestroy
{
  protected override readonly logger = new Logger(EventConsumerHost.name);
  private consumer?: Consumer;
  private started?: Promise<void>;
  private closed?: Promise<void>;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly opts: MessagingOptions,
    private readonly applier: EventApplier,
    private readonly dlq: DeadLetterPublisher,
  ) {
    super();
  }

  /**
   * Called after each transaction that applied consumed events commits, so a service can act on
   * its effects at once (e.g. aggregate what just landed) instead of polling for them.
   */
  onCommitted(listener: (topic: string) => void): void {
    this.applier.onCommitted(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  listen(callback: (err?: unknown) => void): void {
    this.start().then(() => callback(), callback);
  }

  private start(): Promise<void> {
    return (this.started ??= this.run());
  }

  private async run(): Promise<void> {
    const registrations = new Map<string, Registration>();
    for (const [topic, handler] of this.getHandlers())
      registrations.set(topic, registrationOf(topic, handler));
    const topics = [...registrations.keys()];
    // The broker may come up after the service (a restart of both, the fault test): wait for it.
    await untilReachable(
      () =>
        ensureTopics(
          this.kafka,
          [...this.opts.produces, ...topics, ...topics.map(dlqTopic)],
          this.opts.partitions,
        ),
      {
        waitMs: BROKER_STARTUP_WAIT_MS,
        transient: isBrokerUnreachable,
        onWait: (err, attempt, delayMs) =>
          this.logger.warn(
            { err: (err as Error).message, attempt, delayMs },
            'Kafka broker not reachable yet; waiting',
          ),
      },
    );
    if (topics.length === 0) return;
    await this.dlq.connect();
    const groupId = this.opts.groupId ?? this.opts.service;
    const consumer = this.kafka.consumer({
      groupId,
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
    const chunkSize = this.opts.consumeChunkSize ?? 100;
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
        const reg = registrations.get(batch.topic);
        const loop: Loop = { heartbeat, stopping: () => !isRunning() || isStale() };
        for (let i = 0; i < batch.messages.length; i += chunkSize) {
          if (loop.stopping()) break;
          const chunk = batch.messages.slice(i, i + chunkSize);
          const done = await this.applier.processChunk(
            reg,
            batch.topic,
            batch.partition,
            chunk,
            loop,
          );
          // Stopped while waiting for the database: leave the rest for redelivery (the inbox
          // skips what was already applied).
          if (!done) break;
          resolveOffset(chunk[chunk.length - 1].offset);
          await heartbeat();
        }
        await commitOffsetsIfNecessary();
      },
    });
    this.logger.log({ topics, groupId }, 'consumer running');
  }

  close(): Promise<void> {
    return (this.closed ??= this.stop());
  }

  private async stop(): Promise<void> {
    // disconnect() waits for the in-flight batch and commits its resolved offsets.
    await this.consumer?.disconnect();
    await this.dlq.disconnect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  /** Server's event-listener hook; this transport reports through its log instead. */
  on(): never {
    throw new Error('EventConsumerHost has no events to listen to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
