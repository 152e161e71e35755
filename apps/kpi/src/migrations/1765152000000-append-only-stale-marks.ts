import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stale marks become insert-only (several per minute allowed): a consumer marking a minute no
 * longer updates the row an aggregator tick holds, so it never waits for the tick to commit.
 */
export class AppendOnlyStaleMarks1765152000000 implements MigrationInterface {
  name = 'AppendOnlyStaleMarks1765152000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE kpi.stale_minutes DROP CONSTRAINT pk_stale_minutes`);
    await q.query(`ALTER TABLE kpi.stale_minutes DROP COLUMN touched`);
    await q.query(`CREATE INDEX ix_stale_minutes ON kpi.stale_minutes (tenant_id, minute)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX kpi.ix_stale_minutes`);
    await q.query(`DELETE FROM kpi.stale_minutes a USING kpi.stale_minutes b
      WHERE a.tenant_id = b.tenant_id AND a.minute = b.minute AND a.ctid > b.ctid`);
    await q.query(`ALTER TABLE kpi.stale_minutes ADD COLUMN touched bigint NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE kpi.stale_minutes
      ADD CONSTRAINT pk_stale_minutes PRIMARY KEY (tenant_id, minute)`);
  }
}
