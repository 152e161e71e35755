import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { redisConnection } from '@qa/platform';
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
      useFactory: (config: ConfigService) => ({
        connection: redisConnection(config.getOrThrow<string>('REDIS_URL')),
        prefix: 'qa',
      }),
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
