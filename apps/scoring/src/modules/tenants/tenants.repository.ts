import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
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

  /** The settings of each tenant that has them, in one query. */
  async settingsOf(
    manager: EntityManager,
    tenantIds: readonly string[],
  ): Promise<Map<string, TenantSettings>> {
    if (tenantIds.length === 0) return new Map();
    const rows = await manager.getRepository(TenantEntity).findBy({ tenantId: In([...tenantIds]) });
    return new Map(
      rows.map((r) => [
        r.tenantId,
        { companyName: r.companyName, secondsPerRing: r.secondsPerRing },
      ]),
    );
  }
}
