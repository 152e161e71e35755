import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallsController } from './calls.controller';
import { CallsRepository } from './calls.repository';
import { CallsService } from './calls.service';
import { CallEntity } from './entities/call.entity';

@Module({
  imports: [TypeOrmModule.forFeature([CallEntity])],
  controllers: [CallsController],
  providers: [CallsService, CallsRepository],
})
export class CallsModule {}
