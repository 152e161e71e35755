import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per automatic finding of a finalized evaluation: the engine's outcome beside the
 * person's (an override, or an implicit confirmation). GET /reports/agreement reads it.
 * `week` is the Monday (UTC) of decided_at.
 */
export class CreateReviewDecisions1764720000000 implements MigrationInterface {
  name = 'CreateReviewDecisions1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE scoring.review_decisions (
      tenant_id text NOT NULL,
      evaluation_id uuid NOT NULL,
      rule_id text NOT NULL,
      engine_outcome text NOT NULL,
      human_outcome text NOT NULL,
      decided_by text NOT NULL,
      decided_at timestamptz NOT NULL,
      week date NOT NULL,
      CONSTRAINT pk_review_decisions PRIMARY KEY (evaluation_id, rule_id),
      CONSTRAINT ck_review_decisions_engine CHECK (engine_outcome IN ('pass', 'fail', 'na')),
      CONSTRAINT ck_review_decisions_human CHECK (human_outcome IN ('pass', 'fail', 'na'))
    )`);
    await q.query(
      `CREATE INDEX ix_review_decisions_week ON scoring.review_decisions (tenant_id, week, rule_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scoring.review_decisions`);
  }
}
