import { createMessagingTables, dropMessagingTables } from '@qa/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCalls1763856000000 implements MigrationInterface {
  name = 'CreateCalls1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ingestion.calls (
      tenant_id text NOT NULL,
      call_id text NOT NULL,
      agent_id text NOT NULL,
      team_id text NOT NULL,
      direction text NOT NULL,
      purpose text NOT NULL,
      started_at timestamptz NOT NULL,
      answered_at timestamptz NULL,
      ended_at timestamptz NOT NULL,
      ring_count integer NOT NULL,
      body jsonb NOT NULL,
      body_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pk_calls PRIMARY KEY (tenant_id, call_id)
    )`);
    await q.query(
      `CREATE INDEX ix_calls_agent_started ON ingestion.calls (tenant_id, agent_id, started_at DESC)`,
    );
    await q.query(
      `CREATE INDEX ix_calls_team_started ON ingestion.calls (tenant_id, team_id, started_at DESC)`,
    );
    await q.query(
      `CREATE INDEX ix_calls_started ON ingestion.calls (tenant_id, started_at DESC, call_id DESC)`,
    );
    await createMessagingTables(q, 'ingestion');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, 'ingestion');
    await q.query(`DROP TABLE ingestion.calls`);
  }
}
