import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantEntity } from './entities/tenant.entity';

@Injectable()
export class TenantsRepository {
  async upsert(manager: EntityManager, t: Omit<TenantEntity, 'createdAt'>): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(TenantEntity)
      .values(t)
      .orUpdate(['name', 'company_name', 'seconds_per_ring', 'timezone'], ['tenant_id'])
      .returning(['tenantId'])
      .execute();
    return (result.raw as unknown[]).length === 1;
  }

  list(manager: EntityManager): Promise<TenantEntity[]> {
    return manager.getRepository(TenantEntity).find({ order: { tenantId: 'ASC' } });
  }

  find(manager: EntityManager, tenantId: string): Promise<TenantEntity | null> {
    return manager.getRepository(TenantEntity).findOneBy({ tenantId });
  }

  timezoneOf(manager: EntityManager, tenantId: string): Promise<string | null> {
    return manager
      .getRepository(TenantEntity)
      .findOne({ where: { tenantId }, select: { timezone: true } })
      .then((t) => t?.timezone ?? null);
  }

  exists(manager: EntityManager, tenantId: string): Promise<boolean> {
    return manager.getRepository(TenantEntity).existsBy({ tenantId });
  }
}
