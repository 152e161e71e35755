import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Metrics, METRICS_TOKEN } from './metrics';
import { MetricsController } from './metrics.controller';

/** The service's Metrics and GET /metrics; collectors of other modules register on it. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [
        { provide: Metrics, useFactory: () => new Metrics(service) },
        {
          provide: METRICS_TOKEN,
          inject: [ConfigService],
          useFactory: (c: ConfigService) => c.get<string>('METRICS_TOKEN') || undefined,
        },
      ],
      exports: [Metrics],
    };
  }
}
