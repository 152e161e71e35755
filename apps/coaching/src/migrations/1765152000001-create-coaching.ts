import { MigrationInterface, QueryRunner } from 'typeorm';

/** Evaluations and findings as coaching keeps them, the tenant's settings, and assignments. */
export class CreateCoaching1765152000001 implements MigrationInterface {
  name = 'CreateCoaching1765152000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE coaching.settings (
        tenant_id text PRIMARY KEY,
        settings jsonb NOT NULL,
        version integer NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE coaching.evaluations (
        tenant_id text NOT NULL,
        evaluation_id text NOT NULL,
        call_id text NOT NULL,
        agent_id text NOT NULL,
        team_id text NOT NULL,
        call_started_at timestamptz NOT NULL,
        scored_at timestamptz NOT NULL,
        active boolean NOT NULL,
        training boolean NOT NULL,
        auto_score double precision NOT NULL,
        score double precision NOT NULL,
        csat smallint NULL,
        forbidden_hits integer NOT NULL,
        reviewed_at timestamptz NULL,
        CONSTRAINT pk_coaching_evaluations PRIMARY KEY (tenant_id, evaluation_id)
      )`);
    await q.query(
      `CREATE INDEX ix_coaching_evaluations_agent ON coaching.evaluations (tenant_id, agent_id, call_started_at DESC)`,
    );
    await q.query(`
      CREATE TABLE coaching.findings (
        tenant_id text NOT NULL,
        evaluation_id text NOT NULL,
        item_id text NOT NULL,
        rule_id text NOT NULL,
        auto_outcome text NOT NULL,
        outcome text NOT NULL,
        reason text NULL,
        evidence jsonb NOT NULL,
        CONSTRAINT pk_coaching_findings PRIMARY KEY (tenant_id, evaluation_id, item_id)
      )`);
    // The latest review of an evaluation, kept even when it arrives before the evaluation.
    await q.query(`
      CREATE TABLE coaching.reviews (
        tenant_id text NOT NULL,
        evaluation_id text NOT NULL,
        score double precision NOT NULL,
        overrides jsonb NOT NULL,
        reviewed_at timestamptz NOT NULL,
        event_id text NOT NULL,
        CONSTRAINT pk_coaching_reviews PRIMARY KEY (tenant_id, evaluation_id)
      )`);
    await q.query(`
      CREATE TABLE coaching.assignments (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        agent_id text NOT NULL,
        team_id text NOT NULL,
        rule_id text NOT NULL,
        origin text NOT NULL CHECK (origin IN ('auto', 'manual')),
        status text NOT NULL CHECK (status IN ('open', 'session_recorded', 'closed')),
        opened_at timestamptz NOT NULL,
        opened_by text NOT NULL,
        threshold jsonb NOT NULL,
        evidence jsonb NOT NULL,
        note text NULL,
        session jsonb NULL,
        closed_at timestamptz NULL,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // One open assignment per agent and rule: concurrent detections and redeliveries meet here.
    await q.query(
      `CREATE UNIQUE INDEX ux_coaching_assignments_open ON coaching.assignments (tenant_id, agent_id, rule_id) WHERE status = 'open'`,
    );
    await q.query(
      `CREATE INDEX ix_coaching_assignments_list ON coaching.assignments (tenant_id, opened_at DESC, id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['assignments', 'reviews', 'findings', 'evaluations', 'settings'])
      await q.query(`DROP TABLE coaching.${t}`);
  }
}
