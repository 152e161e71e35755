import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How each call ended (answered, no_answer, busy, failed, congestion): as sent in the body, else
 * what the answer time says. Generated from the body, so every write path keeps it right and
 * the batch insert stays as it is; abandon rates and ring times are counted from it.
 */
export class CallDisposition1764547200000 implements MigrationInterface {
  name = 'CallDisposition1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ingestion.calls ADD COLUMN disposition text GENERATED ALWAYS AS (
      COALESCE(body->>'disposition', CASE WHEN answered_at IS NULL THEN 'no_answer' ELSE 'answered' END)
    ) STORED`);
    await q.query(
      `CREATE INDEX ix_calls_disposition_started ON ingestion.calls (tenant_id, disposition, started_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ingestion.ix_calls_disposition_started');
    await q.query('ALTER TABLE ingestion.calls DROP COLUMN disposition');
  }
}
