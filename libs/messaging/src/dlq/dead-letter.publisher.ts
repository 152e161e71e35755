import { Inject, Injectable, Logger } from '@nestjs/common';
import { DlqHeader, dlqTopic } from '@qa/contracts';
import { IHeaders, Kafka, KafkaMessage, Partitioners, Producer } from 'kafkajs';
import { KAFKA, MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';

/** Sends what a consumer cannot handle to `<topic>.dlq`, with the reason and where it came from. */
@Injectable()
export class DeadLetterPublisher {
  private readonly logger = new Logger(DeadLetterPublisher.name);
  private producer?: Producer;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MESSAGING_OPTIONS) private readonly opts: MessagingOptions,
  ) {}

  async connect(): Promise<void> {
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.producer.connect();
  }

  async send(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
    attempts: number,
  ): Promise<void> {
    this.logger.warn(
      { topic, partition, offset: message.offset, reason, attempts },
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
      [DlqHeader.Attempts]: String(attempts),
    };
    // If this send fails the offset is not committed, so the message comes back: nothing is lost.
    await this.producer!.send({
      topic: dlqTopic(topic),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    this.opts.observer?.deadLettered?.(topic, reason);
  }

  async disconnect(): Promise<void> {
    await this.producer?.disconnect();
  }
}

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
