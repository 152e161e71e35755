import { gradeColumn, SUM_COLUMNS } from './component-columns';

/** The fact-derived units a contribution belongs to: a call, the score standing for it, a ticket. */
export type UnitKind = 'call' | 'score' | 'ticket';

interface Source {
  /** The unit whose facts these are, and the column naming it. */
  unit: UnitKind;
  key: string;
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
/** A callback's facts, with its ticket's team and agent when the callback names none. */
const CALLBACK_FACTS = {
  unit: 'ticket',
  key: 'x.ticket_id',
  from: `kpi.callback_facts x LEFT JOIN kpi.complaint_state k
    ON k.tenant_id = x.tenant_id AND k.ticket_id = x.ticket_id`,
  team: `COALESCE(NULLIF(x.team_id, ''), k.team_id, '')`,
  agent: `COALESCE(NULLIF(x.agent_id, ''), k.agent_id, '')`,
} as const;

export const SOURCES: Source[] = [
  {
    unit: 'call',
    key: 'c.call_id',
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
    unit: 'score',
    key: 's.call_id',
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
    unit: 'ticket',
    key: 'k.ticket_id',
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
    unit: 'ticket',
    key: 'k.ticket_id',
    from: 'kpi.complaint_state k',
    time: 'k.closed_at',
    team: 'k.team_id',
    agent: 'k.agent_id',
    where: 'k.opened_at IS NOT NULL',
    exprs: { complaints_closed: '1' },
    hours: 'k.hours_to_close',
  },
  {
    unit: 'ticket',
    key: 'x.ticket_id',
    from: `kpi.complaint_breaches x LEFT JOIN kpi.complaint_state k
      ON k.tenant_id = x.tenant_id AND k.ticket_id = x.ticket_id`,
    time: 'x.breached_at',
    team: `COALESCE(k.team_id, '')`,
    agent: `COALESCE(k.agent_id, '')`,
    exprs: { sla_breaches: '1' },
  },
  {
    ...CALLBACK_FACTS,
    time: 'x.due_at',
    exprs: {
      callbacks_due: '1',
      callbacks_on_time: '(x.done_at IS NOT NULL AND x.done_at <= x.due_at)::int',
    },
  },
  {
    ...CALLBACK_FACTS,
    time: 'x.done_at',
    where: 'x.satisfaction IS NOT NULL',
    exprs: { callback_csat_count: '1', callback_csat_sum: 'x.satisfaction' },
  },
];

const parts = (s: Source) => {
  const [table, ...rest] = s.from.split(/\bLEFT JOIN\b/);
  return {
    alias: s.from.trim().split(/\s+/)[1],
    table,
    joins: rest.map((j) => `LEFT JOIN ${j}`).join(' '),
    cols: SUM_COLUMNS.map((c) => `${s.exprs[c] ?? '0'} AS ${c}`).join(', '),
    hours: s.hours ?? 'NULL::double precision',
  };
};

function bucketSql(s: Source): string {
  const { alias, table, joins, cols, hours } = parts(s);
  return `SELECT b.tenant_id, b.bucket_start, ${s.team} AS team_id, ${s.agent} AS agent_id, ${cols},
      ${hours} AS hours
    FROM buckets b JOIN ${table} ON ${alias}.tenant_id = b.tenant_id
      AND ${s.time} >= b.bucket_start AND ${s.time} < b.bucket_end
    ${joins}
    ${s.where ? `WHERE ${s.where}` : ''}`;
}

function unitSql(s: Source): string {
  const { alias, table, joins, cols, hours } = parts(s);
  return `SELECT u.kind, u.tenant_id, u.unit_id,
      date_bin('1 minute', ${s.time}, TIMESTAMPTZ 'epoch') AS minute, ${s.team} AS team_id,
      ${s.agent} AS agent_id, ${cols}, ${hours} AS hours
    FROM units u JOIN ${table} ON u.kind = '${s.unit}' AND ${alias}.tenant_id = u.tenant_id
      AND ${s.key} = u.unit_id
    ${joins}
    WHERE ${s.time} IS NOT NULL ${s.where ? `AND (${s.where})` : ''}`;
}

/** Every fact's components in the buckets of a `buckets (tenant_id, bucket_start, bucket_end)` CTE. */
export const FACTS_IN_BUCKETS = SOURCES.map(bucketSql).join('\nUNION ALL\n');

/**
 * What each unit of a `units (kind, tenant_id, unit_id)` CTE adds to the aggregates: its
 * components per minute, team and agent (a ticket may count in several minutes).
 */
export const UNIT_CONTRIBUTIONS = `SELECT kind, tenant_id, unit_id, minute, team_id, agent_id,
    ${SUM_COLUMNS.map((c) => `sum(${c})::text AS ${c}`).join(', ')}, max(hours) AS hours
  FROM (${SOURCES.map(unitSql).join('\nUNION ALL\n')}) x
  GROUP BY kind, tenant_id, unit_id, minute, team_id, agent_id`;
