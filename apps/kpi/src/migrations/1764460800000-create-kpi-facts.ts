import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facts (one row per natural id, upserted order-independently), what is derived from them per
 * call and per ticket, the aggregates recomputed from them, and the stream of updates.
 */
export class CreateKpiFacts1764460800000 implements MigrationInterface {
  name = 'CreateKpiFacts1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE kpi.tenants (
      tenant_id text PRIMARY KEY,
      timezone text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE kpi.call_facts (
      tenant_id text NOT NULL,
      call_id text NOT NULL,
      agent_id text NOT NULL,
      team_id text NOT NULL,
      purpose text NOT NULL,
      customer_id text NOT NULL,
      started_at timestamptz NOT NULL,
      answered_at timestamptz NULL,
      ended_at timestamptz NULL,
      csat smallint NULL,
      related_call_ids text[] NOT NULL,
      occurred_at timestamptz NOT NULL,
      CONSTRAINT pk_call_facts PRIMARY KEY (tenant_id, call_id)
    )`);
    await q.query(`CREATE INDEX ix_call_facts_started ON kpi.call_facts (tenant_id, started_at)`);
    await q.query(`CREATE INDEX ix_call_facts_agent ON kpi.call_facts (tenant_id, agent_id)`);
    await q.query(`CREATE TABLE kpi.call_links (
      tenant_id text NOT NULL,
      related_call_id text NOT NULL,
      call_id text NOT NULL,
      CONSTRAINT pk_call_links PRIMARY KEY (tenant_id, related_call_id, call_id)
    )`);
    await q.query(`CREATE TABLE kpi.evaluation_facts (
      tenant_id text NOT NULL,
      evaluation_id text NOT NULL,
      call_id text NOT NULL,
      agent_id text NOT NULL,
      team_id text NOT NULL,
      scorecard_id text NOT NULL,
      scorecard_version integer NOT NULL,
      active boolean NOT NULL,
      score double precision NOT NULL,
      three_ring text NULL,
      forbidden_hits integer NOT NULL,
      call_started_at timestamptz NOT NULL,
      scored_at timestamptz NOT NULL,
      CONSTRAINT pk_evaluation_facts PRIMARY KEY (tenant_id, evaluation_id)
    )`);
    await q.query(
      `CREATE INDEX ix_evaluation_facts_call ON kpi.evaluation_facts (tenant_id, call_id)`,
    );
    await q.query(`CREATE TABLE kpi.review_facts (
      tenant_id text NOT NULL,
      evaluation_id text NOT NULL,
      call_id text NOT NULL,
      score double precision NOT NULL,
      finalized boolean NOT NULL,
      reviewed_at timestamptz NOT NULL,
      event_id text NOT NULL,
      CONSTRAINT pk_review_facts PRIMARY KEY (tenant_id, evaluation_id)
    )`);
    // The evaluation that stands for each call (derived from the two tables above).
    await q.query(`CREATE TABLE kpi.call_scores (
      tenant_id text NOT NULL,
      call_id text NOT NULL,
      evaluation_id text NOT NULL,
      agent_id text NOT NULL,
      team_id text NOT NULL,
      call_started_at timestamptz NOT NULL,
      score double precision NOT NULL,
      three_ring text NULL,
      forbidden_hits integer NOT NULL,
      CONSTRAINT pk_call_scores PRIMARY KEY (tenant_id, call_id)
    )`);
    await q.query(
      `CREATE INDEX ix_call_scores_started ON kpi.call_scores (tenant_id, call_started_at)`,
    );
    await q.query(`CREATE TABLE kpi.complaint_facts (
      tenant_id text NOT NULL,
      ticket_id text NOT NULL,
      call_id text NOT NULL,
      agent_id text NOT NULL,
      team_id text NOT NULL,
      customer_id text NOT NULL,
      category text NOT NULL,
      repeat boolean NOT NULL,
      opened_at timestamptz NOT NULL,
      CONSTRAINT pk_complaint_facts PRIMARY KEY (tenant_id, ticket_id)
    )`);
    await q.query(`CREATE TABLE kpi.complaint_transitions (
      tenant_id text NOT NULL,
      ticket_id text NOT NULL,
      version integer NOT NULL,
      from_status text NOT NULL,
      to_status text NOT NULL,
      at timestamptz NOT NULL,
      agent_id text NOT NULL,
      team_id text NOT NULL,
      CONSTRAINT pk_complaint_transitions PRIMARY KEY (tenant_id, ticket_id, version)
    )`);
    await q.query(`CREATE TABLE kpi.complaint_breaches (
      tenant_id text NOT NULL,
      ticket_id text NOT NULL,
      status text NOT NULL,
      due_at text NOT NULL,
      breached_at timestamptz NOT NULL,
      CONSTRAINT pk_complaint_breaches PRIMARY KEY (tenant_id, ticket_id, status, due_at)
    )`);
    await q.query(
      `CREATE INDEX ix_complaint_breaches_at ON kpi.complaint_breaches (tenant_id, breached_at)`,
    );
    // Each ticket's state as its facts say (derived; business hours need the tenant calendar).
    await q.query(`CREATE TABLE kpi.complaint_state (
      tenant_id text NOT NULL,
      ticket_id text NOT NULL,
      agent_id text NOT NULL,
      team_id text NOT NULL,
      opened_at timestamptz NULL,
      repeat boolean NOT NULL,
      status text NOT NULL,
      resolved_clean boolean NOT NULL,
      closed_at timestamptz NULL,
      hours_to_close double precision NULL,
      CONSTRAINT pk_complaint_state PRIMARY KEY (tenant_id, ticket_id)
    )`);
    await q.query(
      `CREATE INDEX ix_complaint_state_opened ON kpi.complaint_state (tenant_id, opened_at)`,
    );
    await q.query(
      `CREATE INDEX ix_complaint_state_closed ON kpi.complaint_state (tenant_id, closed_at)`,
    );
    await q.query(`CREATE TABLE kpi.callback_facts (
      tenant_id text NOT NULL,
      ticket_id text NOT NULL,
      attempt integer NOT NULL,
      due_at timestamptz NULL,
      done_at timestamptz NULL,
      outcome text NULL,
      satisfaction smallint NULL,
      agent_id text NOT NULL DEFAULT '',
      team_id text NOT NULL DEFAULT '',
      CONSTRAINT pk_callback_facts PRIMARY KEY (tenant_id, ticket_id, attempt)
    )`);
    await q.query(`CREATE INDEX ix_callback_facts_due ON kpi.callback_facts (tenant_id, due_at)`);
    await q.query(`CREATE INDEX ix_callback_facts_done ON kpi.callback_facts (tenant_id, done_at)`);
    // Minutes whose facts changed since the aggregator last ran (written with the facts).
    await q.query(`CREATE TABLE kpi.stale_minutes (
      tenant_id text NOT NULL,
      minute timestamptz NOT NULL,
      touched bigint NOT NULL DEFAULT 1,
      CONSTRAINT pk_stale_minutes PRIMARY KEY (tenant_id, minute)
    )`);
    await q.query(`CREATE TABLE kpi.aggregates (
      tenant_id text NOT NULL,
      "window" text NOT NULL,
      scope text NOT NULL,
      scope_id text NOT NULL,
      bucket_start timestamptz NOT NULL,
      team_id text NULL,
      calls bigint NOT NULL,
      answered bigint NOT NULL,
      handle_seconds_sum numeric NOT NULL,
      csat_count bigint NOT NULL,
      csat_sum bigint NOT NULL,
      fcr_repeated bigint NOT NULL,
      evaluated bigint NOT NULL,
      score_sum numeric NOT NULL,
      grade_best bigint NOT NULL,
      grade_excellent bigint NOT NULL,
      grade_good bigint NOT NULL,
      grade_pass bigint NOT NULL,
      grade_fail bigint NOT NULL,
      three_ring_pass bigint NOT NULL,
      three_ring_applied bigint NOT NULL,
      forbidden_hits bigint NOT NULL,
      complaints_opened bigint NOT NULL,
      complaints_resolved bigint NOT NULL,
      complaints_repeat bigint NOT NULL,
      complaints_closed bigint NOT NULL,
      median_hours_to_close double precision NULL,
      callbacks_due bigint NOT NULL,
      callbacks_on_time bigint NOT NULL,
      callback_csat_count bigint NOT NULL,
      callback_csat_sum bigint NOT NULL,
      sla_breaches bigint NOT NULL,
      CONSTRAINT pk_aggregates PRIMARY KEY (tenant_id, "window", scope, scope_id, bucket_start)
    )`);
    await q.query(`CREATE TABLE kpi.kpi_updates (
      id bigserial PRIMARY KEY,
      tenant_id text NOT NULL,
      scope text NOT NULL,
      scope_id text NOT NULL,
      "window" text NOT NULL,
      bucket_start timestamptz NOT NULL,
      "values" jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX ix_kpi_updates_scope ON kpi.kpi_updates (tenant_id, scope, scope_id, id)`,
    );
    await q.query(`CREATE TABLE kpi.targets (
      tenant_id text NOT NULL,
      kpi text NOT NULL,
      target double precision NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pk_targets PRIMARY KEY (tenant_id, kpi)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'targets',
      'kpi_updates',
      'aggregates',
      'stale_minutes',
      'callback_facts',
      'complaint_state',
      'complaint_breaches',
      'complaint_transitions',
      'complaint_facts',
      'call_scores',
      'review_facts',
      'evaluation_facts',
      'call_links',
      'call_facts',
      'tenants',
    ])
      await q.query(`DROP TABLE kpi.${table}`);
  }
}
