import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTenantsRecordings1763942400000 implements MigrationInterface {
  name = 'CreateTenantsRecordings1763942400000';

  async up(q: QueryRunner): Promise<void> {
    // Ingestion's copy of the tenant settings it needs, kept from qa.tenant.upserted.v1.
    await q.query(`CREATE TABLE ingestion.tenants (
      tenant_id text PRIMARY KEY,
      seconds_per_ring integer NOT NULL,
      timezone text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE ingestion.recordings (
      tenant_id text NOT NULL,
      call_id text NOT NULL,
      path text NOT NULL,
      content_type text NOT NULL,
      size_bytes bigint NOT NULL,
      sha256 text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pk_recordings PRIMARY KEY (tenant_id, call_id),
      CONSTRAINT fk_recordings_call FOREIGN KEY (tenant_id, call_id) REFERENCES ingestion.calls (tenant_id, call_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ingestion.recordings`);
    await q.query(`DROP TABLE ingestion.tenants`);
  }
}
