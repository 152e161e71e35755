import { MigrationInterface, QueryRunner } from 'typeorm';

/** The summed columns of kpi.aggregates, as of this migration. */
const SUMS = [
  'calls',
  'answered',
  'handle_seconds_sum',
  'offered',
  'abandoned',
  'abandoned_timed',
  'abandoned_ring_seconds_sum',
  'csat_count',
  'csat_sum',
  'fcr_repeated',
  'evaluated',
  'score_sum',
  'three_ring_pass',
  'three_ring_applied',
  'forbidden_hits',
  'complaints_opened',
  'complaints_resolved',
  'complaints_repeat',
  'complaints_closed',
  'callbacks_due',
  'callbacks_on_time',
  'callback_csat_count',
  'callback_csat_sum',
  'sla_breaches',
  'grade_best',
  'grade_excellent',
  'grade_good',
  'grade_pass',
  'grade_fail',
];
const sums = SUMS.map((c) => `${c} numeric NOT NULL DEFAULT 0`).join(',\n      ');

/**
 * Aggregation by differences: what each call, score and ticket adds (its contribution) is kept,
 * and a change queues the difference (a delta) for the aggregator to add, instead of marking the
 * minute for a recompute from all its facts. Stale marks stay, for what must be re-derived (a
 * migration, a rebuild): every stored fact's minute is marked now and the aggregates start over,
 * so the aggregator refills them from contributions.
 */
export class IncrementalAggregates1765324800000 implements MigrationInterface {
  name = 'IncrementalAggregates1765324800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE kpi.contributions (
      kind text NOT NULL,
      tenant_id text NOT NULL,
      unit_id text NOT NULL,
      minute timestamptz NOT NULL,
      team_id text NOT NULL,
      agent_id text NOT NULL,
      ${sums},
      hours double precision NULL,
      CONSTRAINT pk_contributions PRIMARY KEY (tenant_id, kind, unit_id, minute, team_id, agent_id)
    )`);
    await q.query(`CREATE INDEX ix_contributions_minute ON kpi.contributions (tenant_id, minute)`);
    await q.query(
      `CREATE INDEX ix_contributions_agent ON kpi.contributions (tenant_id, agent_id, minute)`,
    );
    // Insert-only, like the stale marks: a consumer never waits for the tick folding them.
    await q.query(`CREATE TABLE kpi.aggregate_deltas (
      tenant_id text NOT NULL,
      minute timestamptz NOT NULL,
      team_id text NOT NULL,
      agent_id text NOT NULL,
      sign smallint NOT NULL,
      median boolean NOT NULL,
      ${sums}
    )`);
    await q.query(`CREATE INDEX ix_aggregate_deltas ON kpi.aggregate_deltas (tenant_id, minute)`);
    await q.query(`DELETE FROM kpi.aggregates`);
    await q.query(`INSERT INTO kpi.stale_minutes (tenant_id, minute)
      SELECT DISTINCT tenant_id, date_bin('1 minute', t, TIMESTAMPTZ 'epoch') FROM (
        SELECT tenant_id, started_at AS t FROM kpi.call_facts
        UNION ALL SELECT tenant_id, call_started_at FROM kpi.call_scores
        UNION ALL SELECT tenant_id, opened_at FROM kpi.complaint_state
        UNION ALL SELECT tenant_id, closed_at FROM kpi.complaint_state
        UNION ALL SELECT tenant_id, breached_at FROM kpi.complaint_breaches
        UNION ALL SELECT tenant_id, due_at FROM kpi.callback_facts
        UNION ALL SELECT tenant_id, done_at FROM kpi.callback_facts) x
      WHERE t IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The recomputing aggregator refills what the marks name.
    await q.query(`INSERT INTO kpi.stale_minutes (tenant_id, minute)
      SELECT tenant_id, minute FROM kpi.aggregate_deltas
      UNION SELECT tenant_id, bucket_start FROM kpi.aggregates WHERE "window" = 'minute'`);
    await q.query(`DROP TABLE kpi.aggregate_deltas`);
    await q.query(`DROP TABLE kpi.contributions`);
  }
}
