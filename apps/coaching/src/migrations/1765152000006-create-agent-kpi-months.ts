import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each agent's month of KPI figures that have a target, as the last qa.kpi.updated.v1 of that
 * bucket carried them: the promotion round derives KPI attainment from it.
 */
export class CreateAgentKpiMonths1765152000006 implements MigrationInterface {
  name = 'CreateAgentKpiMonths1765152000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE coaching.agent_kpi_months (
        tenant_id text NOT NULL,
        agent_id text NOT NULL,
        month text NOT NULL,
        figures jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        CONSTRAINT pk_coaching_agent_kpi_months PRIMARY KEY (tenant_id, agent_id, month)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE coaching.agent_kpi_months`);
  }
}
