import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export const STATS_DIMENSIONS = ['category', 'rootCause', 'department', 'team', 'agent'] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];

const COLUMN: Record<StatsDimension, string> = {
  category: 'category',
  rootCause: 'root_cause',
  department: 'department',
  team: 'team_id',
  agent: 'agent_id',
};

export interface StatsRow {
  key: string;
  opened: number;
  resolved: number;
  closed: number;
  reopened: number;
  repeat: number;
  medianHoursToClose: number | null;
  onTimeCallbackRate: number | null;
}

@Injectable()
export class StatsRepository {
  constructor(private readonly db: DataSource) {}

  /** 顾客投诉分类统计表 over the tickets opened in [from, to). */
  async classify(tenantId: string, by: StatsDimension, from: Date, to: Date): Promise<StatsRow[]> {
    const rows = (await this.db.query(
      `WITH t AS (
         SELECT * FROM complaints.tickets WHERE tenant_id = $1 AND opened_at >= $2 AND opened_at < $3
       ), cb AS (
         SELECT c.ticket_id, bool_and(c.on_time) AS on_time
         FROM complaints.callbacks c JOIN t ON t.id = c.ticket_id
         WHERE c.final GROUP BY c.ticket_id
       )
       SELECT COALESCE(NULLIF(t.${COLUMN[by]}, ''), '(none)') AS key,
         count(*)::int AS opened,
         count(*) FILTER (WHERE t.resolved_at IS NOT NULL)::int AS resolved,
         count(*) FILTER (WHERE t.closed_at IS NOT NULL)::int AS closed,
         count(*) FILTER (WHERE t.reopened_count > 0)::int AS reopened,
         count(*) FILTER (WHERE t.repeat_of IS NOT NULL)::int AS repeat,
         percentile_cont(0.5) WITHIN GROUP (
           ORDER BY CASE WHEN t.closed_at IS NOT NULL
             THEN extract(epoch FROM t.closed_at - t.opened_at) / 3600 END
         ) AS median_hours,
         count(cb.ticket_id)::int AS callbacks,
         count(*) FILTER (WHERE cb.on_time)::int AS on_time
       FROM t LEFT JOIN cb ON cb.ticket_id = t.id
       GROUP BY 1 ORDER BY opened DESC, key`,
      [tenantId, from, to],
    )) as {
      key: string;
      opened: number;
      resolved: number;
      closed: number;
      reopened: number;
      repeat: number;
      median_hours: number | null;
      callbacks: number;
      on_time: number;
    }[];
    return rows.map((r) => ({
      key: r.key,
      opened: r.opened,
      resolved: r.resolved,
      closed: r.closed,
      reopened: r.reopened,
      repeat: r.repeat,
      medianHoursToClose:
        r.median_hours === null ? null : Math.round(Number(r.median_hours) * 100) / 100,
      onTimeCallbackRate: r.callbacks ? Math.round((r.on_time / r.callbacks) * 1000) / 1000 : null,
    }));
  }
}
