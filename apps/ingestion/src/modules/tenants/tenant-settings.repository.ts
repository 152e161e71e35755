import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface TenantSettings {
  secondsPerRing: number;
  timezone: string;
}

@Injectable()
export class TenantSettingsRepository {
  async upsert(manager: EntityManager, tenantId: string, s: TenantSettings): Promise<void> {
    await manager.query(
      `INSERT INTO ingestion.tenants (tenant_id, seconds_per_ring, timezone) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET seconds_per_ring = EXCLUDED.seconds_per_ring,
         timezone = EXCLUDED.timezone, updated_at = now()`,
      [tenantId, s.secondsPerRing, s.timezone],
    );
  }

  async get(manager: EntityManager, tenantId: string): Promise<TenantSettings | null> {
    const [row] = (await manager.query(
      'SELECT seconds_per_ring, timezone FROM ingestion.tenants WHERE tenant_id = $1',
      [tenantId],
    )) as { seconds_per_ring: number; timezone: string }[];
    return row ? { secondsPerRing: row.seconds_per_ring, timezone: row.timezone } : null;
  }

  /** Which of these tenants ingestion knows (from qa.tenant.upserted.v1). */
  async known(manager: EntityManager, tenantIds: string[]): Promise<Set<string>> {
    const rows = (await manager.query(
      'SELECT tenant_id FROM ingestion.tenants WHERE tenant_id = ANY($1)',
      [tenantIds],
    )) as { tenant_id: string }[];
    return new Set(rows.map((r) => r.tenant_id));
  }
}
