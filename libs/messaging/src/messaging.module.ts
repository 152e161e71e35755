import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EventApplier } from './consumer/event-applier';
import { EventConsumerHost } from './consumer/event-consumer.host';
import { DeadLetterPublisher } from './dlq/dead-letter.publisher';
import { InboxRepository } from './inbox/inbox.repository';
import { createKafka } from './kafka/kafka-client';
import { KafkaHealthIndicator } from './kafka/kafka.health';
import { KafkaShutdown } from './kafka/kafka-shutdown';
import { KAFKA, MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxRelay } from './outbox/outbox.relay';
import { OutboxRepository } from './outbox/outbox.repository';
import { OutboxService } from './outbox/outbox.service';

export interface MessagingModuleAsyncOptions {
  inject?: never[] | unknown[];
  imports?: DynamicModule['imports'];
  useFactory: (...args: never[]) => MessagingOptions | Promise<MessagingOptions>;
}

@Module({})
export class MessagingModule {
  static forRootAsync(options: MessagingModuleAsyncOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [TerminusModule, ...(options.imports ?? [])],
      providers: [
        {
          provide: MESSAGING_OPTIONS,
          inject: options.inject as never[],
          useFactory: options.useFactory,
        },
        {
          provide: KAFKA,
          inject: [MESSAGING_OPTIONS],
          useFactory: (o: MessagingOptions) => createKafka(o.service, o.brokers),
        },
        OutboxRepository,
        OutboxRelay,
        OutboxService,
        InboxRepository,
        DeadLetterPublisher,
        EventApplier,
        EventConsumerHost,
        KafkaHealthIndicator,
        KafkaShutdown,
      ],
      exports: [
        KAFKA,
        MESSAGING_OPTIONS,
        OutboxService,
        OutboxRelay,
        EventConsumerHost,
        KafkaHealthIndicator,
      ],
    };
  }
}
