import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CallsModule } from '../calls/calls.module';
import { EvaluationsModule } from '../evaluations/evaluations.module';
import { ScorecardsModule } from '../scorecards/scorecards.module';
import { RescoreController } from './rescore.controller';
import { RescoreProcessor } from './rescore.processor';
import { RescoreService } from './rescore.service';
import { RESCORE_QUEUE } from './rescore.types';

@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const url = new URL(config.getOrThrow<string>('REDIS_URL'));
        return {
          connection: {
            host: url.hostname,
            port: Number(url.port || 6379),
            // redis://host:6379/8 → database 8 (test runs side by side each keep their own).
            db: Number(url.pathname.slice(1) || 0),
            ...(url.password ? { password: url.password } : {}),
          },
          prefix: 'qa',
        };
      },
    }),
    BullModule.registerQueue({ name: RESCORE_QUEUE }),
    CallsModule,
    EvaluationsModule,
    ScorecardsModule,
  ],
  controllers: [RescoreController],
  providers: [RescoreService, RescoreProcessor],
})
export class RescoringModule {}
