import { MigrationInterface, QueryRunner } from 'typeorm';

/** Outbound callback calls seen on Kafka: the call (ingested) and its script check (scored). */
export class CreateCallbackCalls1764547200000 implements MigrationInterface {
  name = 'CreateCallbackCalls1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE complaints.callback_calls (
      tenant_id text NOT NULL,
      call_id text NOT NULL,
      ticket_id uuid REFERENCES complaints.tickets (id) ON DELETE CASCADE,
      facts jsonb,
      script jsonb,
      applied_at timestamptz,
      CONSTRAINT pk_callback_calls PRIMARY KEY (tenant_id, call_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE complaints.callback_calls`);
  }
}
