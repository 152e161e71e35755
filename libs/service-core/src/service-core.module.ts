import { CanActivate, DynamicModule, Logger, Module, Type } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { connectEventTransport, MessagingModule } from '@qa/messaging';
import { ensureSchema, serviceDataSourceOptions } from '@qa/persistence';
import { MixedList } from 'typeorm';
import {
  APP_SETUP,
  IdentityGuard,
  Metrics,
  MetricsModule,
  PlatformLoggerModule,
  validateEnv,
} from '@qa/platform';
import { MessagingMetrics } from './metrics/messaging-metrics';

export interface ServiceCoreOptions {
  /** Service name: log field, Kafka client id and consumer group. */
  name: string;
  /** The Postgres schema this service owns. */
  schema: string;
  env: new () => object;
  entities: MixedList<Type<unknown>>;
  migrations: MixedList<Type<unknown>>;
  /** Topics this service publishes (created at start-up). */
  produces: readonly string[];
  relay?: boolean;
  /** The global guard; default: trust only identities signed by the gateway. */
  guard?: Type<CanActivate>;
  /** Runs with the validated config before the database opens and migrations run (keys). */
  beforeDatabase?: (config: ConfigService) => void;
}

/**
 * Config, logs, database, messaging (outbox, and the Kafka transport that serves the app's
 * @EventPattern handlers) and the identity guard: what every backend service needs.
 */
@Module({})
export class ServiceCoreModule {
  static forRoot(opts: ServiceCoreOptions): DynamicModule {
    return {
      module: ServiceCoreModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          validate: validateEnv(opts.env),
        }),
        PlatformLoggerModule.forRoot(opts.name),
        MetricsModule.forRoot(opts.name),
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: async (config: ConfigService) => {
            opts.beforeDatabase?.(config);
            const url = config.getOrThrow<string>('DATABASE_URL');
            await ensureSchema(url, opts.schema, {
              onWait: (err, attempt, delayMs) =>
                new Logger('Database').warn(
                  { err: (err as Error).message, attempt, delayMs },
                  'database not reachable yet; waiting',
                ),
            });
            return serviceDataSourceOptions({
              url,
              schema: opts.schema,
              entities: opts.entities,
              migrations: opts.migrations,
            });
          },
        }),
        MessagingModule.forRootAsync({
          inject: [ConfigService, Metrics],
          useFactory: (config: ConfigService, metrics: Metrics) => ({
            service: opts.name,
            groupId: `${config.get<string>('KAFKA_GROUP_PREFIX') ?? ''}${opts.name}`,
            schema: opts.schema,
            brokers: config.getOrThrow<string>('KAFKA_BROKERS').split(','),
            partitions: config.getOrThrow<number>('KAFKA_PARTITIONS'),
            produces: opts.produces,
            relay: opts.relay ?? config.get<boolean>('OUTBOX_RELAY'),
            observer: {
              published: (topic, n) => metrics.published.inc({ topic }, n),
              deadLettered: (topic, reason) => metrics.deadLettered(topic, reason),
              retried: (topic) => metrics.retries.inc({ topic }),
            },
            onFatal: () => process.exit(1),
          }),
        }),
      ],
      providers: [
        { provide: APP_GUARD, useClass: opts.guard ?? IdentityGuard },
        // Consumers are @EventPattern handlers, served by messaging's Kafka transport.
        { provide: APP_SETUP, useValue: connectEventTransport },
        MessagingMetrics,
      ],
    };
  }
}
