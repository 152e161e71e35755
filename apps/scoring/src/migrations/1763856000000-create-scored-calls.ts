import { createMessagingTables, dropMessagingTables } from '@qa/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateScoredCalls1763856000000 implements MigrationInterface {
  name = 'CreateScoredCalls1763856000000';

  async up(q: QueryRunner): Promise<void> {
    // Scoring keeps its own copy of every call it received, so re-scoring never asks ingestion.
    await q.query(`CREATE TABLE scoring.calls (
      tenant_id text NOT NULL,
      call_id text NOT NULL,
      agent_id text NOT NULL,
      team_id text NOT NULL,
      started_at timestamptz NOT NULL,
      call jsonb NOT NULL,
      event_id text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pk_scoring_calls PRIMARY KEY (tenant_id, call_id)
    )`);
    await q.query(`CREATE INDEX ix_scoring_calls_started ON scoring.calls (tenant_id, started_at)`);
    await createMessagingTables(q, 'scoring');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, 'scoring');
    await q.query(`DROP TABLE scoring.calls`);
  }
}
