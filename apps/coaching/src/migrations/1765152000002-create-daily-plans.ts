import { MigrationInterface, QueryRunner } from 'typeorm';

/** Daily plans (TO计划) of the monthly appraisal: an agent's goals for one working day. */
export class CreateDailyPlans1765152000002 implements MigrationInterface {
  name = 'CreateDailyPlans1765152000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE coaching.daily_plans (
        tenant_id text NOT NULL,
        agent_id text NOT NULL,
        plan_date date NOT NULL,
        goals jsonb NOT NULL,
        version integer NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_coaching_daily_plans PRIMARY KEY (tenant_id, agent_id, plan_date)
      )`);
    await q.query(
      `CREATE INDEX ix_coaching_daily_plans_month ON coaching.daily_plans (tenant_id, plan_date)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE coaching.daily_plans`);
  }
}
