import { MigrationInterface, QueryRunner } from 'typeorm';

/** Training programmes, and the complaint facts their effect report needs (per agent). */
export class CreateTraining1765152000004 implements MigrationInterface {
  name = 'CreateTraining1765152000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE coaching.training_programmes (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL,
        modules jsonb NOT NULL,
        start_date date NOT NULL,
        end_date date NOT NULL,
        trainees jsonb NOT NULL,
        attendance jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX ix_coaching_training_programmes_tenant ON coaching.training_programmes (tenant_id, start_date DESC)`,
    );
    await q.query(`
      CREATE TABLE coaching.complaints (
        tenant_id text NOT NULL,
        ticket_id text NOT NULL,
        agent_id text NOT NULL,
        repeat boolean NOT NULL,
        opened_at timestamptz NOT NULL,
        CONSTRAINT pk_coaching_complaints PRIMARY KEY (tenant_id, ticket_id)
      )`);
    await q.query(
      `CREATE INDEX ix_coaching_complaints_agent ON coaching.complaints (tenant_id, agent_id, opened_at)`,
    );
    await q.query(`
      CREATE TABLE coaching.complaint_transitions (
        tenant_id text NOT NULL,
        ticket_id text NOT NULL,
        version integer NOT NULL,
        to_status text NOT NULL,
        at timestamptz NOT NULL,
        CONSTRAINT pk_coaching_complaint_transitions PRIMARY KEY (tenant_id, ticket_id, version)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE coaching.complaint_transitions`);
    await q.query(`DROP TABLE coaching.complaints`);
    await q.query(`DROP TABLE coaching.training_programmes`);
  }
}
