import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Roles, TraceId } from '@qa/platform';
import { CreateTenantRequestDto, UpdateTenantRequestDto } from './dto/create-tenant.request.dto';
import { TenantResponseDto } from './dto/tenant.response.dto';
import { TenantsService } from './tenants.service';

@ApiTags('tenants')
@ApiBearerAuth()
@Controller('api/v1/tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Get()
  @Roles('platform_admin')
  @ApiOkResponse({ type: [TenantResponseDto] })
  @ApiProblems({ 401: 'no valid access token', 403: 'not the platform admin' })
  list() {
    return this.tenants.list();
  }

  @Post()
  @HttpCode(201)
  @Roles('platform_admin')
  @ApiCreatedResponse({ type: TenantResponseDto, description: 'created, or changed if it existed' })
  @ApiProblems({
    400: 'invalid fields, each named (a timezone must be in the IANA database)',
    401: 'no valid access token',
    403: 'not the platform admin',
  })
  create(@Body() dto: CreateTenantRequestDto, @TraceId() traceId: string) {
    return this.tenants.upsert(dto, traceId);
  }

  @Patch(':tenantId')
  @Roles('platform_admin')
  @ApiOkResponse({ type: TenantResponseDto })
  @ApiProblems({
    400: 'invalid fields, each named (a timezone must be in the IANA database)',
    401: 'no valid access token',
    403: 'not the platform admin',
    404: 'no such tenant',
  })
  update(
    @Param('tenantId') tenantId: string,
    @Body() dto: UpdateTenantRequestDto,
    @TraceId() traceId: string,
  ) {
    return this.tenants.update(tenantId, dto, traceId);
  }
}
