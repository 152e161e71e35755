import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TenantEntity } from './entities/tenant.entity';

export interface TenantSettings {
  companyName: string;
  secondsPerRing: number;
}

@Injectable()
export class TenantsRepository {
  async upsert(manager: EntityManager, tenant: Omit<TenantEntity, 'updatedAt'>): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(TenantEntity)
      .values(tenant)
      .orUpdate(['company_name', 'seconds_per_ring', 'updated_at'], ['tenant_id'])
      .execute();
  }

  async settings(manager: EntityManager, tenantId: string): Promise<TenantSettings | null> {
    const row = await manager.getRepository(TenantEntity).findOneBy({ tenantId });
    return row ? { companyName: row.companyName, secondsPerRing: row.secondsPerRing } : null;
  }
}
