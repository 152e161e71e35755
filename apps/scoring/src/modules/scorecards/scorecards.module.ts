import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScorecardEntity } from './entities/scorecard.entity';
import { ScorecardsController } from './scorecards.controller';
import { ScorecardsRepository } from './scorecards.repository';
import { ScorecardsService } from './scorecards.service';

@Module({
  imports: [TypeOrmModule.forFeature([ScorecardEntity])],
  controllers: [ScorecardsController],
  providers: [ScorecardsRepository, ScorecardsService],
  exports: [ScorecardsService, ScorecardsRepository],
})
export class ScorecardsModule {}
