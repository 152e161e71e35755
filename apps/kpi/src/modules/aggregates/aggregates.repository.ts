import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { KpiWindow } from '../kpis/domain/time-buckets';
import { AggregateRow, gradeColumn, MEDIAN_COLUMN, SUM_COLUMNS } from './component-columns';

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

interface Source {
  /** The fact table with its alias and any join, after `FROM buckets b JOIN`. */
  from: string;
  /** The event time the fact is counted by. */
  time: string;
  team: string;
  agent: string;
  where?: string;
  exprs: Record<string, string>;
  hours?: string;
}

/** Evaluations of training and unanswered calls count nowhere (an older scoring scored the latter). */
const COUNTED_EVALUATION = `NOT EXISTS (SELECT 1 FROM kpi.call_facts tc WHERE tc.tenant_id = s.tenant_id
  AND tc.call_id = s.call_id AND (tc.purpose = 'training' OR tc.disposition <> 'answered'))`;
const ANSWERED = `c.disposition = 'answered' AND c.answered_at IS NOT NULL AND c.ended_at IS NOT NULL`;
/** Inbound calls that rang at an agent; busy, failed and congestion never did. */
const OFFERED = `c.direction <> 'outbound' AND c.disposition IN ('answered', 'no_answer')`;
const ABANDONED = `c.direction <> 'outbound' AND c.disposition = 'no_answer'`;
const ABANDONED_TIMED = `${ABANDONED} AND c.ended_at IS NOT NULL`;
const band = (lo: number, hi?: number) =>
  `(s.score >= ${lo}${hi === undefined ? '' : ` AND s.score < ${hi}`})::int`;

/** How each kind of fact feeds the components (the SQL twin of componentsFromFacts()). */
const SOURCES: Source[] = [
  {
    from: 'kpi.call_facts c',
    time: 'c.started_at',
    team: 'c.team_id',
    agent: 'c.agent_id',
    where: `c.purpose <> 'training'`,
    exprs: {
      calls: '1',
      answered: `(${ANSWERED})::int`,
      handle_seconds_sum: `CASE WHEN ${ANSWERED} THEN EXTRACT(EPOCH FROM c.ended_at - c.answered_at) ELSE 0 END`,
      offered: `(${OFFERED})::int`,
      abandoned: `(${ABANDONED})::int`,
      abandoned_timed: `(${ABANDONED_TIMED})::int`,
      abandoned_ring_seconds_sum: `CASE WHEN ${ABANDONED_TIMED} THEN EXTRACT(EPOCH FROM c.ended_at - c.started_at) ELSE 0 END`,
      csat_count: '(c.csat IS NOT NULL)::int',
      csat_sum: 'COALESCE(c.csat, 0)',
      fcr_repeated: `(EXISTS (SELECT 1 FROM kpi.call_links l JOIN kpi.call_facts y
        ON y.tenant_id = l.tenant_id AND y.call_id = l.call_id
        WHERE l.tenant_id = c.tenant_id AND l.related_call_id = c.call_id
          AND y.call_id <> c.call_id AND y.purpose <> 'training'
          AND y.started_at > c.started_at AND y.started_at <= c.started_at + interval '7 days'
          AND (c.customer_id = '' OR y.customer_id = '' OR c.customer_id = y.customer_id)))::int`,
    },
  },
  {
    from: 'kpi.call_scores s',
    time: 's.call_started_at',
    team: 's.team_id',
    agent: 's.agent_id',
    where: COUNTED_EVALUATION,
    exprs: {
      evaluated: '1',
      score_sum: 's.score::numeric',
      [gradeColumn('best')]: band(90),
      [gradeColumn('excellent')]: band(80, 90),
      [gradeColumn('good')]: band(70, 80),
      [gradeColumn('pass')]: band(60, 70),
      [gradeColumn('fail')]: `(s.score < 60)::int`,
      three_ring_pass: `(s.three_ring IS NOT DISTINCT FROM 'pass')::int`,
      three_ring_applied: '(s.three_ring IS NOT NULL)::int',
      forbidden_hits: 's.forbidden_hits',
    },
  },
  {
    from: 'kpi.complaint_state k',
    time: 'k.opened_at',
    team: 'k.team_id',
    agent: 'k.agent_id',
    exprs: {
      complaints_opened: '1',
      complaints_resolved: 'k.resolved_clean::int',
      complaints_repeat: 'k.repeat::int',
    },
  },
  {
    from: 'kpi.complaint_state k',
    time: 'k.closed_at',
    team: 'k.team_id',
    agent: 'k.agent_id',
    where: 'k.opened_at IS NOT NULL',
    exprs: { complaints_closed: '1' },
    hours: 'k.hours_to_close',
  },
  {
    from: `kpi.complaint_breaches x LEFT JOIN kpi.complaint_state k
      ON k.tenant_id = x.tenant_id AND k.ticket_id = x.ticket_id`,
    time: 'x.breached_at',
    team: `COALESCE(k.team_id, '')`,
    agent: `COALESCE(k.agent_id, '')`,
    exprs: { sla_breaches: '1' },
  },
  {
    from: `kpi.callback_facts x LEFT JOIN kpi.complaint_state k
      ON k.tenant_id = x.tenant_id AND k.ticket_id = x.ticket_id`,
    time: 'x.due_at',
    team: `COALESCE(NULLIF(x.team_id, ''), k.team_id, '')`,
    agent: `COALESCE(NULLIF(x.agent_id, ''), k.agent_id, '')`,
    exprs: {
      callbacks_due: '1',
      callbacks_on_time: '(x.done_at IS NOT NULL AND x.done_at <= x.due_at)::int',
    },
  },
  {
    from: `kpi.callback_facts x LEFT JOIN kpi.complaint_state k
      ON k.tenant_id = x.tenant_id AND k.ticket_id = x.ticket_id`,
    time: 'x.done_at',
    team: `COALESCE(NULLIF(x.team_id, ''), k.team_id, '')`,
    agent: `COALESCE(NULLIF(x.agent_id, ''), k.agent_id, '')`,
    where: 'x.satisfaction IS NOT NULL',
    exprs: { callback_csat_count: '1', callback_csat_sum: 'x.satisfaction' },
  },
];

function sourceSql(s: Source): string {
  const alias = s.from.trim().split(/\s+/)[1];
  const [table, ...rest] = s.from.split(/\bLEFT JOIN\b/);
  const cols = SUM_COLUMNS.map((c) => `${s.exprs[c] ?? '0'} AS ${c}`).join(', ');
  return `SELECT b.tenant_id, b.bucket_start, ${s.team} AS team_id, ${s.agent} AS agent_id, ${cols},
      ${s.hours ?? 'NULL::double precision'} AS hours
    FROM buckets b JOIN ${table} ON ${alias}.tenant_id = b.tenant_id
      AND ${s.time} >= b.bucket_start AND ${s.time} < b.bucket_end
    ${rest.map((j) => `LEFT JOIN ${j}`).join(' ')}
    ${s.where ? `WHERE ${s.where}` : ''}`;
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
  FROM (${SOURCES.map(sourceSql).join('\nUNION ALL\n')}) src
  GROUP BY GROUPING SETS ((tenant_id, bucket_start), (tenant_id, bucket_start, team_id),
    (tenant_id, bucket_start, agent_id))
) g WHERE scope_id <> ''`;

/** Buckets summed from the finer window's rows; medians from the tickets closed in them. */
const ROLLED_UP = `SELECT r.*, m.median AS ${MEDIAN_COLUMN} FROM (
    SELECT b.tenant_id, b.bucket_start, a.scope, a.scope_id, max(a.team_id) AS team_id,
      ${SUM_COLUMNS.map((c) => `sum(a.${c}) AS ${c}`).join(', ')}
    FROM buckets b JOIN kpi.aggregates a ON a.tenant_id = b.tenant_id AND a."window" = $5
      AND a.bucket_start >= b.bucket_start AND a.bucket_start < b.bucket_end
    GROUP BY b.tenant_id, b.bucket_start, a.scope, a.scope_id
  ) r LEFT JOIN (
    SELECT b.tenant_id, b.bucket_start, ${SCOPE_OF('k.team_id', 'k.agent_id')} AS scope,
      ${SCOPE_ID_OF('k.team_id', 'k.agent_id', 'b.tenant_id')} AS scope_id,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY k.hours_to_close) AS median
    FROM buckets b JOIN kpi.complaint_state k ON k.tenant_id = b.tenant_id
      AND k.closed_at >= b.bucket_start AND k.closed_at < b.bucket_end AND k.opened_at IS NOT NULL
    GROUP BY GROUPING SETS ((b.tenant_id, b.bucket_start), (b.tenant_id, b.bucket_start, k.team_id),
      (b.tenant_id, b.bucket_start, k.agent_id))
  ) m ON m.tenant_id = r.tenant_id AND m.bucket_start = r.bucket_start AND m.scope = r.scope
    AND m.scope_id = r.scope_id`;

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
const WRITE_ROLLED_UP = WRITE(ROLLED_UP);
const COMPUTE_FROM_FACTS = `WITH ${BUCKETS_CTE} ${FROM_FACTS}`;

const FINER: Record<Exclude<KpiWindow, 'minute'>, KpiWindow> = {
  hour: 'minute',
  day: 'hour',
  month: 'day',
};

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
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('kpi.aggregates'))`);
  }

  async recompute(m: EntityManager, window: KpiWindow, buckets: Bucket[]): Promise<ChangedRow[]> {
    if (buckets.length === 0) return [];
    const sql = window === 'minute' ? WRITE_FROM_FACTS : WRITE_ROLLED_UP;
    const args = [...params(buckets), window];
    if (window !== 'minute') args.push(FINER[window]);
    const rows = (await m.query(sql, args)) as ChangedRow[];
    return rows.map((r) => ({ ...r, window }));
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
