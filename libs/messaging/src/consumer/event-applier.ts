import { Inject, Injectable, Logger } from '@nestjs/common';
import { context, ROOT_CONTEXT, Span, SpanStatusCode, trace, Tracer } from '@opentelemetry/api';
import { EventMeta, traceparentOf } from '@qa/contracts';
import { isDataError, isInfrastructureError } from '@qa/persistence';
import { KafkaMessage } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { DeadLetterEntry, DeadLetterPublisher } from '../dlq/dead-letter.publisher';
import { InboxRepository } from '../inbox/inbox.repository';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { OutboxRelay } from '../outbox/outbox.relay';
import { DecodeResult, PermanentConsumeError } from './consume-errors';
import { contextOfSpan, startChunkSpan, startProcessSpan } from './consume-tracing';
import { ChunkContext, ChunkItem, EventContext } from './event-context';
import { rawEventMeta, readEventMeta } from './event-headers';
import { Registration } from './event-registration';

interface Prepared {
  reg: Registration;
  meta: EventMeta;
  value: unknown;
  message: KafkaMessage;
  topic: string;
  partition: number;
  /** The event's consumer span; its traceparent is `meta.traceId`, passed on to what it causes. */
  span: Span;
}

/** What a batch lends to the messages it hands out. */
export interface Loop {
  heartbeat(): Promise<void>;
  /** The consumer is stopping or the batch is stale (rebalance): give the partition back. */
  stopping(): boolean;
}

/**
 * Applies a chunk of one partition's messages. Each message: decode and validate (else
 * dead-letter), then the handler and the inbox row commit in one transaction, so redelivery is a
 * no-op. A message that keeps failing is retried with backoff, then dead-lettered, so it cannot
 * block its partition; a database that is down is waited out instead, so an outage dead-letters
 * nothing.
 */
@Injectable()
export class EventApplier {
  private readonly logger = new Logger(EventApplier.name);
  private readonly committedListeners: ((topic: string) => void)[] = [];
  private readonly tracer: Tracer;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly opts: MessagingOptions,
    private readonly dataSource: DataSource,
    private readonly inbox: InboxRepository,
    private readonly relay: OutboxRelay,
    private readonly dlq: DeadLetterPublisher,
  ) {
    this.tracer = trace.getTracer(`qa.${opts.service}`);
  }

  onCommitted(listener: (topic: string) => void): void {
    this.committedListeners.push(listener);
  }

  private committed(topic: string): void {
    // Handlers write their events to the outbox: publish them now, not at the next poll.
    this.relay.wake();
    // Outside the consumed event's trace: what a listener starts (an aggregation) is not its work.
    context.with(ROOT_CONTEXT, () => {
      for (const listener of this.committedListeners) listener(topic);
    });
  }

  /**
   * The whole chunk in one transaction (one inbox claim and one commit instead of one per event);
   * if anything in it fails, each message is redone alone with retries, so one bad event cannot
   * hold up the rest. False when the consumer stopped before the chunk was done.
   */
  async processChunk(
    reg: Registration | undefined,
    topic: string,
    partition: number,
    messages: KafkaMessage[],
    loop: Loop,
  ): Promise<boolean> {
    const ready: Prepared[] = [];
    const dead: DeadLetterEntry[] = [];
    for (const m of messages) {
      const p = this.prepare(reg, topic, partition, m);
      if ('reason' in p) dead.push({ message: m, reason: p.reason, attempts: 0 });
      else ready.push(p);
    }
    // The chunk's refused messages in one send, beside its transaction; both before its offset.
    const [done] = await Promise.all([
      this.applyTraced(topic, partition, ready, loop),
      this.dlq.sendMany(topic, partition, dead),
    ]);
    return done;
  }

  private async applyTraced(
    topic: string,
    partition: number,
    ready: Prepared[],
    loop: Loop,
  ): Promise<boolean> {
    if (ready.length === 0) return true;
    try {
      return await this.applyChunk(topic, partition, ready, loop);
    } finally {
      for (const p of ready) p.span.end();
    }
  }

  private async applyChunk(
    topic: string,
    partition: number,
    ready: Prepared[],
    loop: Loop,
  ): Promise<boolean> {
    if (ready.length > 1) {
      const span = startChunkSpan(
        this.tracer,
        topic,
        partition,
        ready.map((p) => p.span),
      );
      try {
        await context.with(contextOfSpan(span), () =>
          this.dataSource.transaction((manager) => this.apply(manager, ready)),
        );
        this.committed(topic);
        return true;
      } catch (err) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
        this.logger.warn(
          { topic, partition, size: ready.length, err: (err as Error).message },
          'chunk failed; handling its messages one by one',
        );
      } finally {
        span.end();
      }
    }
    for (const p of ready) {
      if (!(await context.with(contextOfSpan(p.span), () => this.processOne(p, loop))))
        return false;
    }
    return true;
  }

  /** Decodes and validates; for what cannot be handled, the reason to dead-letter it with. */
  private prepare(
    reg: Registration | undefined,
    topic: string,
    partition: number,
    message: KafkaMessage,
  ): Prepared | { reason: string } {
    if (!reg) return { reason: `no handler for ${topic}` };
    let meta = readEventMeta(message.headers, topic);
    if (typeof meta === 'string') {
      if (reg.requireHeaders) return { reason: meta };
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
      return { reason: `the decoder failed (${err instanceof Error ? err.name : typeof err})` };
    }
    if (!decoded.ok) return { reason: decoded.reason };
    const span = startProcessSpan(this.tracer, topic, partition, message.offset, meta);
    // Without a tracer provider the span is invalid and the event's own context stays.
    meta = { ...meta, traceId: traceparentOf(span) || meta.traceId };
    return { reg, meta, value: decoded.value, message, topic, partition, span };
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
    if (reg.chunk) {
      const items: ChunkItem<unknown>[] = todo.map((p) => ({
        event: p.value,
        meta: p.meta,
        offset: p.message.offset,
        key: p.message.key?.toString() ?? null,
      }));
      const ctx: ChunkContext = { manager, topic, partition };
      await reg.handle(items, ctx);
      return;
    }
    for (const p of todo) {
      const ctx: EventContext = {
        meta: p.meta,
        manager,
        topic,
        partition,
        offset: p.message.offset,
        key: p.message.key?.toString() ?? null,
      };
      await reg.handle(p.value, ctx);
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
        this.logger.debug({ ...where, eventId: p.meta.eventId }, 'event applied');
        if (outage > 0) this.logger.log({ topic: p.topic, waits: outage }, 'database back');
        return true;
      } catch (err) {
        const reason = (err as Error)?.message ?? String(err);
        // Data the database refuses fails the same way every time: no retries to wait through.
        const permanent = err instanceof PermanentConsumeError || isDataError(err);
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
          p.span.setStatus({ code: SpanStatusCode.ERROR, message: reason });
          await this.dlq.send(
            p.topic,
            p.partition,
            p.message,
            `${attempt} attempt(s) failed: ${reason}`,
            attempt,
          );
          return true;
        } else {
          this.logger.warn(
            { ...where, attempt, err: reason, traceId: p.meta.traceId },
            'handler failed; retrying',
          );
          this.opts.observer?.retried?.(p.topic);
          delay = Math.min(10000, base * 2 ** (attempt - 1));
          attempt++;
        }
      }
      await sleep(delay);
      if (loop.stopping()) return false;
      await loop.heartbeat();
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
