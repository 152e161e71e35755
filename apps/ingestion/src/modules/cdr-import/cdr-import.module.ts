import { Module } from '@nestjs/common';
import { CallsModule } from '../calls/calls.module';
import { TenantsModule } from '../tenants/tenants.module';
import { CdrImportController } from './cdr-import.controller';
import { CdrImportService } from './cdr-import.service';

@Module({
  imports: [CallsModule, TenantsModule],
  controllers: [CdrImportController],
  providers: [CdrImportService],
})
export class CdrImportModule {}
