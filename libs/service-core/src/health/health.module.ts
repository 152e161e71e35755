import {
  Controller,
  DynamicModule,
  Get,
  Inject,
  Module,
  OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorFunction,
  TerminusModule,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { KafkaHealthIndicator } from '@qa/messaging';
import Redis from 'ioredis';
import { Public } from '@qa/platform';
import { RedisHealthIndicator } from './redis.health';

export const HEALTH_REDIS = Symbol('HEALTH_REDIS');

/** GET /health: db, kafka, and redis where the service uses it. */
@Controller('health')
export class HealthController implements OnModuleDestroy {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    private readonly redisIndicator: RedisHealthIndicator,
    @Optional() @Inject(HEALTH_REDIS) private readonly redis?: Redis,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  check() {
    const checks: HealthIndicatorFunction[] = [
      () => this.db.pingCheck('db', { timeout: 2000 }),
      () => this.kafka.check('kafka'),
    ];
    const redis = this.redis;
    if (redis) checks.push(() => this.redisIndicator.check('redis', redis));
    return this.health.check(checks);
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }
}

@Module({})
export class HealthModule {
  static forRoot(opts: { redis: boolean }): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule],
      controllers: [HealthController],
      providers: [
        RedisHealthIndicator,
        ...(opts.redis
          ? [
              {
                provide: HEALTH_REDIS,
                inject: [ConfigService],
                useFactory: (config: ConfigService) =>
                  new Redis(config.getOrThrow<string>('REDIS_URL'), {
                    lazyConnect: true,
                    maxRetriesPerRequest: 1,
                  }),
              },
            ]
          : []),
      ],
    };
  }
}
