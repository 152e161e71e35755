import { Controller, Get } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { KafkaHealthIndicator } from '@qa/messaging';
import { Public } from '@qa/platform';
import { DownstreamHealthIndicator } from './downstream.health';

const DOWNSTREAM = ['ingestion', 'scoring', 'complaints', 'kpi', 'coaching'] as const;

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly kafka: KafkaHealthIndicator,
    private readonly downstream: DownstreamHealthIndicator,
    private readonly config: ConfigService,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  check() {
    return this.health.check([
      () => this.db.pingCheck('db', { timeout: 2000 }),
      () => this.kafka.check('kafka'),
      ...DOWNSTREAM.map(
        (s) => () =>
          this.downstream.check(s, this.config.getOrThrow<string>(`${s.toUpperCase()}_URL`)),
      ),
    ]);
  }
}
