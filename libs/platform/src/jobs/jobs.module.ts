import { BullModule } from '@nestjs/bullmq';
import {
  DynamicModule,
  Global,
  Injectable,
  Logger,
  Module,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import type { DefaultJobOptions } from 'bullmq';
import { JobsMetrics } from './jobs-metrics';
import { QueueName } from './queues';
import { redisConnection } from './redis-connection';

/** Jobs carry ids only and are retried; finished ones are kept a while for inspection. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** Where @Processor() keeps its options (not exported by @nestjs/bullmq). */
const PROCESSOR_METADATA = 'bullmq:processor_metadata';
/** @nestjs/bullmq's provider token for a queue (getQueueToken). */
const QUEUE_TOKEN = /^BullQueue_(.+)$/;

/** The queues an app registered and the queues its processors serve. */
export function queuesWithoutProcessor(
  providers: { token: unknown; metatype: unknown }[],
): string[] {
  const queues = providers
    .map((p) => (typeof p.token === 'string' ? QUEUE_TOKEN.exec(p.token)?.[1] : undefined))
    .filter((q): q is string => !!q);
  const served = new Set(
    providers
      .map((p) => p.metatype)
      .filter((t): t is object => typeof t === 'function')
      .map((t) => Reflect.getMetadata(PROCESSOR_METADATA, t) as { name?: string } | string)
      .filter(Boolean)
      .map((m) => (typeof m === 'string' ? m : m.name)),
  );
  return [...new Set(queues)].filter((q) => !served.has(q));
}

/** Fails start-up when a queue has no @Processor: its jobs would wait forever. */
@Injectable()
export class JobProcessorsCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobProcessorsCheck.name);

  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    const missing = queuesWithoutProcessor(this.discovery.getProviders());
    if (missing.length) throw new Error(`queues without a processor: ${missing.join(', ')}`);
  }
}

/**
 * BullMQ for a service: one Redis connection from REDIS_URL (database index kept), queues with
 * the house job options, and the start-up check that every queue has a processor.
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(): DynamicModule {
    return {
      module: JobsModule,
      imports: [
        DiscoveryModule,
        BullModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            connection: redisConnection(config.getOrThrow<string>('REDIS_URL')),
            prefix: 'qa',
            defaultJobOptions: DEFAULT_JOB_OPTIONS,
          }),
        }),
      ],
      providers: [JobProcessorsCheck, JobsMetrics],
    };
  }

  /**
   * A feature's queue, with the house job options or `options` over them; it needs a @Processor
   * somewhere in the app.
   */
  static registerQueue(name: QueueName, options: DefaultJobOptions = {}): DynamicModule {
    return BullModule.registerQueue({
      name,
      defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, ...options },
    });
  }
}
