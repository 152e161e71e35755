import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Human review: evaluations gain a version (optimistic concurrency), the engine's score kept
 * beside the reviewed one, release/acknowledge times and the items held for a person; an
 * append-only history; disputes; per-tenant dispute settings. The old status 'reviewed' is
 * DESIGN.md's 'in_review'.
 */
export class HumanReview1764892800000 implements MigrationInterface {
  name = 'HumanReview1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE scoring.evaluations SET status = 'in_review' WHERE status = 'reviewed'`);
    await q.query(`ALTER TABLE scoring.evaluations
      ADD COLUMN version integer NOT NULL DEFAULT 1,
      ADD COLUMN auto_score numeric(5,1),
      ADD COLUMN auto_grade text,
      ADD COLUMN current_result jsonb,
      ADD COLUMN review jsonb NOT NULL DEFAULT '{"decisions":{}}',
      ADD COLUMN review_items text[] NOT NULL DEFAULT '{}',
      ADD COLUMN finalized_at timestamptz,
      ADD COLUMN finalized_by text,
      ADD COLUMN released_at timestamptz,
      ADD COLUMN released_by text,
      ADD COLUMN acknowledged_at timestamptz,
      ADD CONSTRAINT ck_evaluations_status CHECK (status IN ('auto', 'in_review', 'final'))`);
    await q.query(`UPDATE scoring.evaluations SET auto_score = score, auto_grade = grade`);
    await q.query(`ALTER TABLE scoring.evaluations
      ALTER COLUMN auto_score SET NOT NULL, ALTER COLUMN auto_grade SET NOT NULL`);
    await q.query(
      `CREATE INDEX ix_evaluations_released ON scoring.evaluations (tenant_id, agent_id, call_started_at DESC) WHERE released_at IS NOT NULL`,
    );

    await q.query(`CREATE TABLE scoring.evaluation_history (
      id bigserial PRIMARY KEY,
      tenant_id text NOT NULL,
      evaluation_id uuid NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      by text NOT NULL,
      role text NOT NULL,
      action text NOT NULL,
      changes jsonb NOT NULL DEFAULT '[]',
      reason text,
      score_before numeric(5,1),
      score_after numeric(5,1),
      dispute_id uuid
    )`);
    await q.query(
      `CREATE INDEX ix_evaluation_history_evaluation ON scoring.evaluation_history (evaluation_id, id)`,
    );
    // Append-only, enforced by the database: history is evidence.
    await q.query(`CREATE FUNCTION scoring.refuse_history_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'scoring.evaluation_history is append-only';
      END $$`);
    await q.query(`CREATE TRIGGER tr_evaluation_history_append_only
      BEFORE UPDATE OR DELETE ON scoring.evaluation_history
      FOR EACH ROW EXECUTE FUNCTION scoring.refuse_history_change()`);
    await q.query(`INSERT INTO scoring.evaluation_history
        (tenant_id, evaluation_id, at, by, role, action, score_after)
      SELECT tenant_id, id, created_at, 'engine', 'system', 'scored', auto_score
      FROM scoring.evaluations ORDER BY created_at`);

    await q.query(`CREATE TABLE scoring.disputes (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      evaluation_id uuid NOT NULL,
      agent_id text NOT NULL,
      items jsonb NOT NULL,
      status text NOT NULL DEFAULT 'open',
      opened_by text NOT NULL,
      opened_at timestamptz NOT NULL DEFAULT now(),
      decided_by text,
      decided_at timestamptz,
      decision_comment text,
      decision_items jsonb,
      CONSTRAINT ck_disputes_status CHECK
        (status IN ('open', 'upheld', 'partly_accepted', 'amended'))
    )`);
    await q.query(
      `CREATE INDEX ix_disputes_evaluation ON scoring.disputes (tenant_id, evaluation_id, opened_at)`,
    );
    await q.query(
      `CREATE INDEX ix_disputes_open ON scoring.disputes (tenant_id, opened_at) WHERE status = 'open'`,
    );

    await q.query(`CREATE TABLE scoring.review_settings (
      tenant_id text PRIMARY KEY,
      dispute_window_days integer NOT NULL DEFAULT 7,
      max_disputes integer NOT NULL DEFAULT 1,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scoring.review_settings`);
    await q.query(`DROP TABLE scoring.disputes`);
    await q.query(`DROP TABLE scoring.evaluation_history`);
    await q.query(`DROP FUNCTION scoring.refuse_history_change()`);
    await q.query(`DROP INDEX scoring.ix_evaluations_released`);
    await q.query(`ALTER TABLE scoring.evaluations
      DROP CONSTRAINT ck_evaluations_status,
      DROP COLUMN version, DROP COLUMN auto_score, DROP COLUMN auto_grade,
      DROP COLUMN current_result, DROP COLUMN review, DROP COLUMN review_items,
      DROP COLUMN finalized_at, DROP COLUMN finalized_by, DROP COLUMN released_at,
      DROP COLUMN released_by, DROP COLUMN acknowledged_at`);
    await q.query(`UPDATE scoring.evaluations SET status = 'reviewed' WHERE status = 'in_review'`);
  }
}
