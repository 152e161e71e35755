import { Inject, Injectable, Logger } from '@nestjs/common';
import { DlqHeader, dlqTopic } from '@qa/contracts';
import { IHeaders, Kafka, KafkaMessage, Partitioners, Producer } from 'kafkajs';
import { KAFKA, MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';
import { bySize, SEND_BYTES } from '../outbox/outbox.relay';

export interface DeadLetterEntry {
  message: KafkaMessage;
  reason: string;
  /** Times the handler ran it (0: refused before). */
  attempts: number;
}

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

  send(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
    attempts: number,
  ): Promise<void> {
    return this.sendMany(topic, partition, [{ message, reason, attempts }]);
  }

  /**
   * A chunk's dead letters in as few produce requests as fit (one, unless they are large): one
   * round trip each made a bad record cost as much as ten good ones.
   */
  async sendMany(topic: string, partition: number, letters: DeadLetterEntry[]): Promise<void> {
    if (letters.length === 0) return;
    const messages = letters.map(({ message, reason, attempts }) => {
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
      return { key: message.key, value: message.value, headers };
    });
    // If a send fails the offset is not committed, so the messages come back: nothing is lost.
    for (const part of bySize(messages, SEND_BYTES, (m) => (m.value?.length ?? 0) + 16_384))
      await this.producer!.send({ topic: dlqTopic(topic), acks: -1, messages: part });
    for (const { reason } of letters) this.opts.observer?.deadLettered?.(topic, reason);
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
