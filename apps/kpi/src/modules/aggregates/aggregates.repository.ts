import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { KpiWindow } from '../kpis/domain/time-buckets';
import { AggregateRow, MEDIAN_COLUMN, SUM_COLUMNS } from './component-columns';
import { AGGREGATION_LOCK } from '../facts/contributions.repository';
import { MinuteTarget } from './contribution-delta';
import { FACTS_IN_BUCKETS } from './fact-sources';

export interface Bucket {
  tenantId: string;
  start: Date;
  end: Date;
}

export interface ChangedRow extends AggregateRow {
  tenant_id: string;
  window: KpiWindow;
  scope: string;
  scope_id: string;
  bucket_start: Date;
  gone: boolean;
}

const BUCKETS_CTE = `buckets AS (SELECT DISTINCT * FROM unnest($1::text[], $2::timestamptz[],
  $3::timestamptz[]) AS b(tenant_id, bucket_start, bucket_end))`;

const SCOPE_OF = (team: string, agent: string) => `
  CASE WHEN GROUPING(${team}) = 0 THEN 'team' WHEN GROUPING(${agent}) = 0 THEN 'agent' ELSE 'tenant' END`;
const SCOPE_ID_OF = (team: string, agent: string, tenant: string) => `
  CASE WHEN GROUPING(${team}) = 0 THEN ${team} WHEN GROUPING(${agent}) = 0 THEN ${agent} ELSE ${tenant} END`;

/** Buckets computed straight from the facts, for any window. */
const FROM_FACTS = `SELECT * FROM (
  SELECT tenant_id, bucket_start, ${SCOPE_OF('team_id', 'agent_id')} AS scope,
    ${SCOPE_ID_OF('team_id', 'agent_id', 'tenant_id')} AS scope_id,
    CASE WHEN GROUPING(agent_id) = 0 AND GROUPING(team_id) = 1 THEN max(team_id) END AS team_id,
    ${SUM_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')},
    percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS ${MEDIAN_COLUMN}
  FROM (${FACTS_IN_BUCKETS}) src
  GROUP BY GROUPING SETS ((tenant_id, bucket_start), (tenant_id, bucket_start, team_id),
    (tenant_id, bucket_start, agent_id))
) g WHERE scope_id <> ''`;

const VALUE_COLUMNS = ['team_id', ...SUM_COLUMNS, MEDIAN_COLUMN];

/**
 * Replaces the rows of the given buckets with `fresh` and returns the rows that changed (or went):
 * rows equal to what they were are not rewritten, so the stream carries real changes only.
 */
const WRITE = (fresh: string) => `WITH ${BUCKETS_CTE},
  fresh AS (${fresh}),
  up AS (
    INSERT INTO kpi.aggregates (tenant_id, "window", scope, scope_id, bucket_start, ${VALUE_COLUMNS.join(', ')})
    SELECT tenant_id, $4, scope, scope_id, bucket_start, ${VALUE_COLUMNS.join(', ')} FROM fresh
    ON CONFLICT ON CONSTRAINT pk_aggregates DO UPDATE SET
      ${VALUE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}
    WHERE (${VALUE_COLUMNS.map((c) => `kpi.aggregates.${c}`).join(', ')})
      IS DISTINCT FROM (${VALUE_COLUMNS.map((c) => `excluded.${c}`).join(', ')})
    RETURNING *),
  gone AS (
    DELETE FROM kpi.aggregates a USING buckets b
    WHERE a.tenant_id = b.tenant_id AND a."window" = $4 AND a.bucket_start = b.bucket_start
      AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f.tenant_id = a.tenant_id
        AND f.scope = a.scope AND f.scope_id = a.scope_id AND f.bucket_start = a.bucket_start)
    RETURNING a.*)
  SELECT *, false AS gone FROM up UNION ALL SELECT *, true AS gone FROM gone`;

const WRITE_FROM_FACTS = WRITE(FROM_FACTS);
const COMPUTE_FROM_FACTS = `WITH ${BUCKETS_CTE} ${FROM_FACTS}`;

/** Folds the deltas of the map's minutes into every window's buckets and scopes. */
const FOLD = `WITH map AS (
    SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::timestamptz[])
      AS m(tenant_id, minute, "window", bucket_start)),
  taken AS (
    DELETE FROM kpi.aggregate_deltas d USING (SELECT DISTINCT tenant_id, minute FROM map) k
    WHERE d.tenant_id = k.tenant_id AND d.minute = k.minute
    RETURNING d.*),
  per_team AS (
    SELECT m.tenant_id, m."window", s.scope, s.scope_id, m.bucket_start, t.team_id AS team,
      sum(t.sign) AS n, bool_or(t.median) AS median,
      ${SUM_COLUMNS.map((c) => `sum(t.sign * t.${c}) AS ${c}`).join(', ')}
    FROM taken t JOIN map m ON m.tenant_id = t.tenant_id AND m.minute = t.minute
    CROSS JOIN LATERAL (VALUES ('tenant', t.tenant_id), ('team', t.team_id),
      ('agent', t.agent_id)) AS s(scope, scope_id)
    WHERE s.scope_id <> ''
    GROUP BY 1, 2, 3, 4, 5, 6),
  summed AS (
    SELECT tenant_id, "window", scope, scope_id, bucket_start,
      max(team) FILTER (WHERE scope = 'agent' AND n > 0) AS team_id,
      bool_or(scope = 'agent' AND n < 0) AS team_lost, bool_or(median) AS median,
      ${SUM_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')}
    FROM per_team GROUP BY 1, 2, 3, 4, 5),
  up AS (
    INSERT INTO kpi.aggregates (tenant_id, "window", scope, scope_id, bucket_start, team_id,
      ${SUM_COLUMNS.join(', ')})
    SELECT tenant_id, "window", scope, scope_id, bucket_start, team_id, ${SUM_COLUMNS.join(', ')}
    FROM summed WHERE team_id IS NOT NULL OR ${SUM_COLUMNS.map((c) => `${c} <> 0`).join(' OR ')}
    ON CONFLICT ON CONSTRAINT pk_aggregates DO UPDATE SET
      team_id = GREATEST(kpi.aggregates.team_id, excluded.team_id),
      ${SUM_COLUMNS.map((c) => `${c} = kpi.aggregates.${c} + excluded.${c}`).join(', ')}
    RETURNING *)
  SELECT s.tenant_id AS fold_tenant_id, s."window" AS fold_window, s.scope AS fold_scope,
    s.scope_id AS fold_scope_id, s.bucket_start AS fold_bucket_start, s.median AS fold_median,
    s.team_lost AS fold_team_lost, up.*
  FROM summed s LEFT JOIN up ON up.tenant_id = s.tenant_id AND up."window" = s."window"
    AND up.scope = s.scope AND up.scope_id = s.scope_id AND up.bucket_start = s.bucket_start
  WHERE up.tenant_id IS NOT NULL OR s.median OR s.team_lost`;

const KEYS = `unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[],
  $6::timestamptz[]) AS k(tenant_id, "window", scope, scope_id, bucket_start, bucket_end)`;
const MATCH = `a.tenant_id = x.tenant_id AND a."window" = x."window" AND a.scope = x.scope
  AND a.scope_id = x.scope_id AND a.bucket_start = x.bucket_start`;

/** Rows whose every sum came to zero: no fact counts in them any more. */
const DELETE_EMPTY = `DELETE FROM kpi.aggregates a USING (SELECT * FROM ${KEYS}) x
  WHERE ${MATCH} AND ${SUM_COLUMNS.map((c) => `a.${c} = 0`).join(' AND ')}
  RETURNING a.*`;

/** The median of a bucket from the tickets closed in it (it does not add up from deltas). */
const REFRESH_MEDIANS = `UPDATE kpi.aggregates a SET ${MEDIAN_COLUMN} = x.median
  FROM (SELECT k.*, (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY c.hours_to_close)
      FROM kpi.complaint_state c WHERE c.tenant_id = k.tenant_id AND c.opened_at IS NOT NULL
        AND c.closed_at >= k.bucket_start AND c.closed_at < k.bucket_end
        AND (k.scope = 'tenant' OR (k.scope = 'team' AND c.team_id = k.scope_id)
          OR (k.scope = 'agent' AND c.agent_id = k.scope_id))) AS median
    FROM ${KEYS}) x
  WHERE ${MATCH} AND a.${MEDIAN_COLUMN} IS DISTINCT FROM x.median
  RETURNING a.*`;

/** An agent's team in a bucket (the highest of its facts'), after a team lost some of them. */
const REFRESH_TEAMS = `UPDATE kpi.aggregates a SET team_id = x.team_id
  FROM (SELECT k.*, (SELECT max(c.team_id) FROM kpi.contributions c
      WHERE c.tenant_id = k.tenant_id AND c.agent_id = k.scope_id
        AND c.minute >= k.bucket_start AND c.minute < k.bucket_end) AS team_id
    FROM ${KEYS}) x
  WHERE ${MATCH} AND a.team_id IS DISTINCT FROM x.team_id
  RETURNING a.*`;

export interface BucketKey {
  tenant_id: string;
  window: KpiWindow;
  scope: string;
  scope_id: string;
  bucket_start: Date;
}

const keyParams = (keys: (BucketKey & { bucket_end: Date })[]) => [
  keys.map((k) => k.tenant_id),
  keys.map((k) => k.window),
  keys.map((k) => k.scope),
  keys.map((k) => k.scope_id),
  keys.map((k) => k.bucket_start),
  keys.map((k) => k.bucket_end),
];

const params = (buckets: Bucket[]) => [
  buckets.map((b) => b.tenantId),
  buckets.map((b) => b.start),
  buckets.map((b) => b.end),
];

@Injectable()
export class AggregatesRepository {
  /**
   * Takes committed stale marks (a minute may have several), skipping those another aggregator
   * took; marks a consumer is writing now are not visible yet and stay for a later tick.
   */
  async takeStale(
    m: EntityManager,
    limit: number,
  ): Promise<{ marks: number; minutes: { tenant_id: string; minute: Date }[] }> {
    const rows = (await m.query(
      `WITH taken AS (
         DELETE FROM kpi.stale_minutes WHERE ctid IN (
           SELECT ctid FROM kpi.stale_minutes ORDER BY tenant_id, minute
           FOR UPDATE SKIP LOCKED LIMIT $1)
         RETURNING tenant_id, minute)
       SELECT tenant_id, minute, count(*)::int AS marks FROM taken
       GROUP BY tenant_id, minute ORDER BY tenant_id, minute`,
      [limit],
    )) as { tenant_id: string; minute: Date; marks: number }[];
    return {
      marks: rows.reduce((n, r) => n + r.marks, 0),
      minutes: rows.map(({ tenant_id, minute }) => ({ tenant_id, minute })),
    };
  }

  /** One aggregator at a time, so update ids commit in order and the stream never skips one. */
  async lockAggregation(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(${AGGREGATION_LOCK})`);
  }

  /** Minutes with deltas waiting (committed ones: those being written show up later). */
  async pendingMinutes(
    m: EntityManager,
    limit: number,
  ): Promise<{ tenant_id: string; minute: Date }[]> {
    return (await m.query(
      `SELECT DISTINCT tenant_id, minute FROM kpi.aggregate_deltas
       ORDER BY tenant_id, minute LIMIT $1`,
      [limit],
    )) as { tenant_id: string; minute: Date }[];
  }

  /**
   * Adds the deltas of the given minutes to their buckets: the rows written, and the buckets
   * whose median or agent's team must be recomputed.
   */
  async fold(
    m: EntityManager,
    targets: MinuteTarget[],
  ): Promise<{ changed: ChangedRow[]; medians: BucketKey[]; teams: BucketKey[] }> {
    const rows = (await m.query(FOLD, [
      targets.map((t) => t.tenant_id),
      targets.map((t) => t.minute),
      targets.map((t) => t.window),
      targets.map((t) => t.bucket_start),
    ])) as (ChangedRow & {
      fold_tenant_id: string;
      fold_window: KpiWindow;
      fold_scope: string;
      fold_scope_id: string;
      fold_bucket_start: Date;
      fold_median: boolean;
      fold_team_lost: boolean;
    })[];
    const key = (r: (typeof rows)[number]): BucketKey => ({
      tenant_id: r.fold_tenant_id,
      window: r.fold_window,
      scope: r.fold_scope,
      scope_id: r.fold_scope_id,
      bucket_start: r.fold_bucket_start,
    });
    return {
      changed: rows.filter((r) => r.tenant_id !== null).map((r) => ({ ...r, gone: false })),
      medians: rows.filter((r) => r.fold_median).map(key),
      teams: rows.filter((r) => r.fold_team_lost).map(key),
    };
  }

  async deleteEmpty(m: EntityManager, keys: BucketKey[]): Promise<ChangedRow[]> {
    return this.updateKeys(m, DELETE_EMPTY, keys, true);
  }

  async refreshMedians(
    m: EntityManager,
    keys: (BucketKey & { bucket_end: Date })[],
  ): Promise<ChangedRow[]> {
    return this.updateKeys(m, REFRESH_MEDIANS, keys, false);
  }

  async refreshTeams(
    m: EntityManager,
    keys: (BucketKey & { bucket_end: Date })[],
  ): Promise<ChangedRow[]> {
    return this.updateKeys(m, REFRESH_TEAMS, keys, false);
  }

  private async updateKeys(
    m: EntityManager,
    sql: string,
    keys: (BucketKey & { bucket_end?: Date })[],
    gone: boolean,
  ): Promise<ChangedRow[]> {
    if (keys.length === 0) return [];
    // As a CTE: TypeORM answers a bare UPDATE or DELETE with [rows, count].
    const rows = (await m.query(
      `WITH changed AS (${sql}) SELECT * FROM changed`,
      keyParams(keys.map((k) => ({ ...k, bucket_end: k.bucket_end ?? k.bucket_start }))),
    )) as ChangedRow[];
    return rows.map((r) => ({ ...r, gone }));
  }

  /** Rewrites buckets straight from the facts (the rebuild): what changed is what was wrong. */
  async rebuild(m: EntityManager, window: KpiWindow, buckets: Bucket[]): Promise<ChangedRow[]> {
    if (buckets.length === 0) return [];
    const rows = (await m.query(WRITE_FROM_FACTS, [...params(buckets), window])) as ChangedRow[];
    return rows.map((r) => ({ ...r, window }));
  }

  /** Computes buckets from the facts without storing them (tests, checks). */
  async computeFromFacts(m: EntityManager, buckets: Bucket[]): Promise<AggregateRow[]> {
    return (await m.query(COMPUTE_FROM_FACTS, params(buckets))) as AggregateRow[];
  }

  async series(
    m: EntityManager,
    q: {
      tenantId: string;
      window: KpiWindow;
      scope: string;
      scopeId: string;
      from: Date;
      to: Date;
    },
  ): Promise<AggregateRow[]> {
    return (await m.query(
      `SELECT * FROM kpi.aggregates WHERE tenant_id = $1 AND "window" = $2 AND scope = $3
         AND scope_id = $4 AND bucket_start >= $5 AND bucket_start < $6
       ORDER BY bucket_start`,
      [q.tenantId, q.window, q.scope, q.scopeId, q.from, q.to],
    )) as AggregateRow[];
  }

  /** The median over any range, from the tickets closed in it. */
  async medianHoursToClose(
    m: EntityManager,
    q: { tenantId: string; scope: string; scopeId: string; from: Date; to: Date },
  ): Promise<number | null> {
    const rows = (await m.query(
      `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY hours_to_close) AS median
       FROM kpi.complaint_state WHERE tenant_id = $1 AND closed_at >= $2 AND closed_at < $3
         AND opened_at IS NOT NULL
         AND ($4 = 'tenant' OR ($4 = 'team' AND team_id = $5) OR ($4 = 'agent' AND agent_id = $5))`,
      [q.tenantId, q.from, q.to, q.scope, q.scopeId],
    )) as { median: number | null }[];
    return rows[0]?.median ?? null;
  }

  /** Buckets of a window that have rows in a period (the rebuild revisits them too). */
  async storedBuckets(
    m: EntityManager,
    q: { tenantId: string; window: KpiWindow; from: Date; to: Date },
  ): Promise<Date[]> {
    const rows = (await m.query(
      `SELECT DISTINCT bucket_start FROM kpi.aggregates WHERE tenant_id = $1 AND "window" = $2
         AND bucket_start >= $3 AND bucket_start < $4`,
      [q.tenantId, q.window, q.from, q.to],
    )) as { bucket_start: Date }[];
    return rows.map((r) => r.bucket_start);
  }
}
