import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface TenantSettings {
  secondsPerRing: number;
  timezone: string;
}

/**
 * How long a replica trusts its copy of a tenant's settings. The replica that consumes a change
 * has it at once; the others (not in that partition's group) follow within this time.
 */
const SETTINGS_TTL_MS = 5_000;
const SETTINGS_CACHED = 10_000;

@Injectable()
export class TenantSettingsRepository {
  private readonly cache = new Map<string, { settings: TenantSettings | null; at: number }>();

  async upsert(manager: EntityManager, tenantId: string, s: TenantSettings): Promise<void> {
    await manager.query(
      `INSERT INTO ingestion.tenants (tenant_id, seconds_per_ring, timezone) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET seconds_per_ring = EXCLUDED.seconds_per_ring,
         timezone = EXCLUDED.timezone, updated_at = now()`,
      [tenantId, s.secondsPerRing, s.timezone],
    );
    // Before commit: a rolled-back change is consumed again, and the copy expires meanwhile.
    this.cache.set(tenantId, { settings: s, at: Date.now() });
  }

  /** As `get`, read at most once per SETTINGS_TTL_MS: every ingest needs it, a change is rare. */
  async cached(manager: EntityManager, tenantId: string): Promise<TenantSettings | null> {
    const now = Date.now();
    const hit = this.cache.get(tenantId);
    if (hit && now - hit.at < SETTINGS_TTL_MS) return hit.settings;
    const settings = await this.get(manager, tenantId);
    if (this.cache.size >= SETTINGS_CACHED) this.cache.clear();
    this.cache.set(tenantId, { settings, at: now });
    return settings;
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
