import { MigrationInterface, QueryRunner } from 'typeorm';

const AGGREGATE_COLUMNS = [
  'offered bigint',
  'abandoned bigint',
  'abandoned_timed bigint',
  'abandoned_ring_seconds_sum numeric',
];

/**
 * How each call ended up (its disposition) and its direction, for the abandon rate; facts from
 * before have neither: answered when they have an answer time, else no_answer, and inbound. The
 * minutes of every stored call are marked stale so the aggregator fills the new columns.
 */
export class AddCallDisposition1765065600000 implements MigrationInterface {
  name = 'AddCallDisposition1765065600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE kpi.call_facts ADD COLUMN disposition text NULL,
      ADD COLUMN direction text NOT NULL DEFAULT 'inbound'`);
    await q.query(`UPDATE kpi.call_facts
      SET disposition = CASE WHEN answered_at IS NULL THEN 'no_answer' ELSE 'answered' END`);
    await q.query(`ALTER TABLE kpi.call_facts ALTER COLUMN disposition SET NOT NULL`);
    await q.query(
      `ALTER TABLE kpi.aggregates ${AGGREGATE_COLUMNS.map((c) => `ADD COLUMN ${c} NOT NULL DEFAULT 0`).join(', ')}`,
    );
    await q.query(`INSERT INTO kpi.stale_minutes (tenant_id, minute)
      SELECT DISTINCT tenant_id, date_bin('1 minute', started_at, TIMESTAMPTZ 'epoch')
      FROM kpi.call_facts ORDER BY 1, 2
      ON CONFLICT DO NOTHING`); // no constraint named: marks are insert-only since 1765152000000
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE kpi.aggregates ${AGGREGATE_COLUMNS.map((c) => `DROP COLUMN ${c.split(' ')[0]}`).join(', ')}`,
    );
    await q.query(`ALTER TABLE kpi.call_facts DROP COLUMN disposition, DROP COLUMN direction`);
  }
}
