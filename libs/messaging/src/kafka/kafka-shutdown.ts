import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { KAFKA } from '../messaging.options';
import { closeKafkaLeftovers } from './kafka-client';

/** Runs after every onModuleDestroy (consumer, relay, health admin): closes the client's leftovers. */
@Injectable()
export class KafkaShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger(KafkaShutdown.name);

  constructor(@Inject(KAFKA) private readonly kafka: Kafka) {}

  async beforeApplicationShutdown(): Promise<void> {
    const closed = await closeKafkaLeftovers(this.kafka);
    if (closed > 0) this.logger.log({ closed }, 'closed kafka connections left after disconnect');
  }
}
