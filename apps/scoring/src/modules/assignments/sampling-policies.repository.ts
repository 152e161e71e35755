import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Counter, counterKey, KEY_SEPARATOR, PolicyState, SamplingPolicyConfig } from './sampling';

export interface SamplingPolicyRow {
  id: string;
  tenantId: string;
  name: string;
  version: number;
  active: boolean;
  config: SamplingPolicyConfig;
  nextReviewer: number;
  createdBy: string;
  createdAt: Date;
}

interface RawPolicy {
  id: string;
  tenant_id: string;
  name: string;
  version: number;
  active: boolean;
  config: SamplingPolicyConfig;
  next_reviewer: number;
  created_by: string;
  created_at: Date;
}

const toRow = (r: RawPolicy): SamplingPolicyRow => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  version: r.version,
  active: r.active,
  config: r.config,
  nextReviewer: r.next_reviewer,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/** Sampling policies and their per-agent period counters. */
@Injectable()
export class SamplingPoliciesRepository {
  async listActive(manager: EntityManager, tenantId: string): Promise<SamplingPolicyRow[]> {
    const rows = (await manager.query(
      `SELECT * FROM scoring.sampling_policies WHERE tenant_id = $1 AND active
       ORDER BY created_at, id`,
      [tenantId],
    )) as RawPolicy[];
    return rows.map(toRow);
  }

  /**
   * Retires the active version of `name` (if any) and stores a new one. Serialised per tenant
   * and name by an advisory lock, so two concurrent posts make two versions, not a conflict.
   */
  async addVersion(
    manager: EntityManager,
    row: Pick<SamplingPolicyRow, 'id' | 'tenantId' | 'name' | 'active' | 'config' | 'createdBy'>,
  ): Promise<SamplingPolicyRow> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
      `sampling-policy:${row.tenantId}:${row.name}`,
    ]);
    await manager.query(
      `UPDATE scoring.sampling_policies SET active = false
       WHERE tenant_id = $1 AND name = $2 AND active`,
      [row.tenantId, row.name],
    );
    const [inserted] = (await manager.query(
      `INSERT INTO scoring.sampling_policies (id, tenant_id, name, version, active, config, created_by)
       SELECT $1, $2, $3, COALESCE(MAX(version), 0) + 1, $4, $5, $6
       FROM scoring.sampling_policies WHERE tenant_id = $2 AND name = $3
       RETURNING *`,
      [row.id, row.tenantId, row.name, row.active, JSON.stringify(row.config), row.createdBy],
    )) as RawPolicy[];
    return toRow(inserted);
  }

  /**
   * The active policies of these tenants in assignment order, locked: every chunk that samples
   * for a tenant takes them in turn, which keeps its counters and round-robin exact.
   */
  async lockActive(
    manager: EntityManager,
    tenantIds: readonly string[],
  ): Promise<Map<string, PolicyState[]>> {
    const rows = (await manager.query(
      `SELECT id, tenant_id, config, next_reviewer FROM scoring.sampling_policies
       WHERE tenant_id = ANY($1) AND active ORDER BY tenant_id, created_at, id FOR UPDATE`,
      [tenantIds],
    )) as Pick<RawPolicy, 'id' | 'tenant_id' | 'config' | 'next_reviewer'>[];
    const out = new Map<string, PolicyState[]>();
    for (const r of rows) {
      const list = out.get(r.tenant_id) ?? [];
      list.push({
        id: r.id,
        tenantId: r.tenant_id,
        config: r.config,
        nextReviewer: r.next_reviewer,
      });
      out.set(r.tenant_id, list);
    }
    return out;
  }

  async saveNextReviewers(manager: EntityManager, policies: readonly PolicyState[]): Promise<void> {
    if (policies.length === 0) return;
    await manager.query(
      `UPDATE scoring.sampling_policies p SET next_reviewer = v.next
       FROM unnest($1::uuid[], $2::int[]) AS v(id, next) WHERE p.id = v.id`,
      [policies.map((p) => p.id), policies.map((p) => p.nextReviewer)],
    );
  }

  /** The counters under these keys (counterKey); missing ones are absent. */
  async counters(manager: EntityManager, keys: readonly string[]): Promise<Map<string, Counter>> {
    if (keys.length === 0) return new Map();
    const parts = keys.map((k) => k.split(KEY_SEPARATOR));
    const rows = (await manager.query(
      `SELECT c.policy_id, c.agent_id, to_char(c.period_start, 'YYYY-MM-DD') AS period, c.seen, c.sampled
       FROM scoring.sampling_counters c
       JOIN unnest($1::uuid[], $2::text[], $3::date[]) AS k(policy_id, agent_id, period_start)
         USING (policy_id, agent_id, period_start)`,
      [parts.map((p) => p[0]), parts.map((p) => p[1]), parts.map((p) => p[2])],
    )) as { policy_id: string; agent_id: string; period: string; seen: number; sampled: number }[];
    return new Map(
      rows.map((r) => [
        counterKey(r.policy_id, r.agent_id, r.period),
        { seen: r.seen, sampled: r.sampled },
      ]),
    );
  }

  async saveCounters(
    manager: EntityManager,
    counters: ReadonlyMap<string, Counter>,
  ): Promise<void> {
    if (counters.size === 0) return;
    const keys = [...counters.keys()];
    const parts = keys.map((k) => k.split(KEY_SEPARATOR));
    await manager.query(
      `INSERT INTO scoring.sampling_counters (policy_id, agent_id, period_start, seen, sampled)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::int[], $5::int[])
       ON CONFLICT (policy_id, agent_id, period_start)
       DO UPDATE SET seen = EXCLUDED.seen, sampled = EXCLUDED.sampled`,
      [
        parts.map((p) => p[0]),
        parts.map((p) => p[1]),
        parts.map((p) => p[2]),
        keys.map((k) => counters.get(k)!.seen),
        keys.map((k) => counters.get(k)!.sampled),
      ],
    );
  }
}
