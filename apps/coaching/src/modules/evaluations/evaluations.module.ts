import { Module } from '@nestjs/common';
import { EvaluationsRepository } from './evaluations.repository';

@Module({ providers: [EvaluationsRepository], exports: [EvaluationsRepository] })
export class EvaluationsModule {}
