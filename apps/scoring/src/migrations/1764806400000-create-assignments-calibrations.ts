import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sampling policies (a new version per change), their per-agent period counters, one review
 * assignment per evaluation (and per call), and calibration sessions with their blind scores.
 */
export class CreateAssignmentsCalibrations1764806400000 implements MigrationInterface {
  name = 'CreateAssignmentsCalibrations1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE scoring.sampling_policies (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      name text NOT NULL,
      version integer NOT NULL,
      active boolean NOT NULL,
      config jsonb NOT NULL,
      next_reviewer integer NOT NULL DEFAULT 0,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT uq_sampling_policies_version UNIQUE (tenant_id, name, version)
    )`);
    await q.query(
      `CREATE UNIQUE INDEX uq_sampling_policies_active ON scoring.sampling_policies (tenant_id, name) WHERE active`,
    );
    await q.query(`CREATE TABLE scoring.sampling_counters (
      policy_id uuid NOT NULL,
      agent_id text NOT NULL,
      period_start date NOT NULL,
      seen integer NOT NULL,
      sampled integer NOT NULL,
      CONSTRAINT pk_sampling_counters PRIMARY KEY (policy_id, agent_id, period_start)
    )`);
    await q.query(`CREATE TABLE scoring.review_assignments (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      evaluation_id uuid NOT NULL,
      call_id text NOT NULL,
      agent_id text NOT NULL,
      policy_id uuid NOT NULL,
      reasons text[] NOT NULL,
      assignee text NOT NULL,
      due_at timestamptz NOT NULL,
      assigned_at timestamptz NOT NULL,
      version integer NOT NULL DEFAULT 1,
      history jsonb NOT NULL DEFAULT '[]',
      CONSTRAINT uq_review_assignments_evaluation UNIQUE (evaluation_id),
      CONSTRAINT uq_review_assignments_call UNIQUE (tenant_id, call_id)
    )`);
    await q.query(
      `CREATE INDEX ix_review_assignments_queue ON scoring.review_assignments (tenant_id, assignee, due_at, id)`,
    );
    await q.query(`CREATE TABLE scoring.calibrations (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      name text NOT NULL,
      calls jsonb NOT NULL,
      evaluators text[] NOT NULL,
      expert text NOT NULL,
      status text NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz
    )`);
    await q.query(
      `CREATE INDEX ix_calibrations_tenant ON scoring.calibrations (tenant_id, created_at DESC)`,
    );
    await q.query(`CREATE TABLE scoring.calibration_scores (
      calibration_id uuid NOT NULL REFERENCES scoring.calibrations (id) ON DELETE CASCADE,
      participant text NOT NULL,
      scores jsonb NOT NULL,
      submitted_at timestamptz NOT NULL,
      CONSTRAINT pk_calibration_scores PRIMARY KEY (calibration_id, participant)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scoring.calibration_scores`);
    await q.query(`DROP TABLE scoring.calibrations`);
    await q.query(`DROP TABLE scoring.review_assignments`);
    await q.query(`DROP TABLE scoring.sampling_counters`);
    await q.query(`DROP TABLE scoring.sampling_policies`);
  }
}
