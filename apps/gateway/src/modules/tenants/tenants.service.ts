import { Injectable } from '@nestjs/common';
import { Topics } from '@qa/contracts';
import { OutboxService } from '@qa/messaging';
import { DataSource } from 'typeorm';
import { TenantError } from '@qa/platform';
import { CreateTenantRequestDto, UpdateTenantRequestDto } from './dto/create-tenant.request.dto';
import { TenantResponseDto } from './dto/tenant.response.dto';
import { toTenantResponse } from './tenants.mapper';
import { TenantsRepository } from './tenants.repository';

@Injectable()
export class TenantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tenants: TenantsRepository,
    private readonly outbox: OutboxService,
  ) {}

  async list(): Promise<TenantResponseDto[]> {
    return (await this.tenants.list(this.dataSource.manager)).map(toTenantResponse);
  }

  /** Changes some settings of an existing tenant (404 otherwise), published like a creation. */
  async update(
    tenantId: string,
    dto: UpdateTenantRequestDto,
    traceId: string,
  ): Promise<TenantResponseDto> {
    const current = await this.tenants.find(this.dataSource.manager, tenantId);
    if (!current) throw TenantError.notFound(tenantId);
    const next = { ...toTenantResponse(current), ...dto };
    await this.upsert(next, traceId);
    return next;
  }

  /** Creates or updates a tenant and tells the other services (qa.tenant.upserted.v1). */
  async upsert(dto: CreateTenantRequestDto, traceId: string): Promise<CreateTenantRequestDto> {
    await this.dataSource.transaction(async (manager) => {
      await this.tenants.upsert(manager, { ...dto });
      await this.outbox.add(manager, [
        {
          topic: Topics.TenantUpserted,
          key: dto.tenantId,
          tenantId: dto.tenantId,
          traceId,
          payload: { ...dto },
        },
      ]);
    });
    this.outbox.wake();
    return dto;
  }
}
