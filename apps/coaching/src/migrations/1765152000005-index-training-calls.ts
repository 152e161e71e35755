import { MigrationInterface, QueryRunner } from 'typeorm';

/** The trainer's list of role plays reads a tenant's training calls by time, not by agent. */
export class IndexTrainingCalls1765152000005 implements MigrationInterface {
  name = 'IndexTrainingCalls1765152000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_coaching_evaluations_training ON coaching.evaluations (tenant_id, call_started_at DESC) WHERE training`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX coaching.ix_coaching_evaluations_training`);
  }
}
