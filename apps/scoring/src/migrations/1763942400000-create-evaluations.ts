import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateEvaluations1763942400000 implements MigrationInterface {
  name = 'CreateEvaluations1763942400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE scoring.tenants (
      tenant_id text PRIMARY KEY,
      company_name text NOT NULL,
      seconds_per_ring integer NOT NULL DEFAULT 3,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE scoring.scorecards (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      scorecard_key text NOT NULL,
      version integer NOT NULL,
      name text NOT NULL,
      definition jsonb NOT NULL,
      active boolean NOT NULL DEFAULT false,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT uq_scorecards_version UNIQUE (tenant_id, scorecard_key, version)
    )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_scorecards_one_active ON scoring.scorecards (tenant_id) WHERE active`,
    );
    await q.query(`CREATE TABLE scoring.evaluations (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      call_id text NOT NULL,
      agent_id text NOT NULL,
      team_id text NOT NULL,
      call_started_at timestamptz NOT NULL,
      scorecard_key text NOT NULL,
      scorecard_version integer NOT NULL,
      score numeric(5,1) NOT NULL,
      grade text NOT NULL,
      status text NOT NULL DEFAULT 'auto',
      result jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT uq_evaluations_call_version UNIQUE (tenant_id, call_id, scorecard_key, scorecard_version)
    )`);
    await q.query(
      `CREATE INDEX ix_evaluations_agent ON scoring.evaluations (tenant_id, agent_id, call_started_at DESC)`,
    );
    await q.query(
      `CREATE INDEX ix_evaluations_started ON scoring.evaluations (tenant_id, call_started_at DESC, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scoring.evaluations`);
    await q.query(`DROP TABLE scoring.scorecards`);
    await q.query(`DROP TABLE scoring.tenants`);
  }
}
