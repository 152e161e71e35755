import { join, resolve } from 'node:path';
import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MulterModule } from '@nestjs/platform-express';
import { CallsModule } from '../calls/calls.module';
import { RecordingsController } from './recordings.controller';
import { RecordingsRepository } from './recordings.repository';
import { RecordingsService } from './recordings.service';

@Module({
  imports: [
    CallsModule,
    MulterModule.registerAsync({
      inject: [ConfigService],
      // Uploads stream to disk (never held in memory), then move into place once checked.
      useFactory: (config: ConfigService) => ({
        dest: join(resolve(config.getOrThrow<string>('RECORDINGS_DIR')), '.incoming'),
        limits: { fileSize: config.getOrThrow<number>('RECORDINGS_MAX_BYTES'), files: 1 },
      }),
    }),
  ],
  controllers: [RecordingsController],
  providers: [RecordingsService, RecordingsRepository],
})
export class RecordingsModule {}
