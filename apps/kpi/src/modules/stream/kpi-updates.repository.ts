import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface KpiUpdateRow {
  id: string;
  tenant_id: string;
  scope: string;
  scope_id: string;
  window: string;
  bucket_start: Date;
  values: Record<string, unknown>;
}

export interface StreamFilter {
  tenantId: string;
  scope: string;
  scopeId: string;
  window?: string;
}

@Injectable()
export class KpiUpdatesRepository {
  async lastId(m: EntityManager): Promise<string> {
    const rows = (await m.query(`SELECT COALESCE(max(id), 0) AS id FROM kpi.kpi_updates`)) as {
      id: string;
    }[];
    return String(rows[0].id);
  }

  /** Every update after `afterId`, in order (the hub's tail). */
  async after(m: EntityManager, afterId: string, limit: number): Promise<KpiUpdateRow[]> {
    return (await m.query(`SELECT * FROM kpi.kpi_updates WHERE id > $1 ORDER BY id LIMIT $2`, [
      afterId,
      limit,
    ])) as KpiUpdateRow[];
  }

  /** One subscriber's missed updates after `afterId` (resume with Last-Event-ID). */
  async missed(
    m: EntityManager,
    f: StreamFilter,
    afterId: string,
    limit: number,
  ): Promise<KpiUpdateRow[]> {
    return (await m.query(
      `SELECT * FROM kpi.kpi_updates WHERE tenant_id = $1 AND scope = $2 AND scope_id = $3
         AND id > $4 AND ($5::text IS NULL OR "window" = $5) ORDER BY id LIMIT $6`,
      [f.tenantId, f.scope, f.scopeId, afterId, f.window ?? null, limit],
    )) as KpiUpdateRow[];
  }
}
