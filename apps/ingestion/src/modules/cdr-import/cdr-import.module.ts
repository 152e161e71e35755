import { Module } from '@nestjs/common';
import { CallsModule } from '../calls/calls.module';
import { CdrImportController } from './cdr-import.controller';

@Module({ imports: [CallsModule], controllers: [CdrImportController] })
export class CdrImportModule {}
