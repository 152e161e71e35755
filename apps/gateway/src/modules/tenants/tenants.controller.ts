import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles, TraceId } from '@qa/platform';
import { CreateTenantRequestDto } from './dto/create-tenant.request.dto';
import { TenantsService } from './tenants.service';

@ApiTags('tenants')
@ApiBearerAuth()
@Controller('api/v1/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  @HttpCode(201)
  @Roles('platform_admin')
  create(@Body() dto: CreateTenantRequestDto, @TraceId() traceId: string) {
    return this.tenants.upsert(dto, traceId);
  }
}
