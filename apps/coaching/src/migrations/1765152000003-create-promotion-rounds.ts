import { MigrationInterface, QueryRunner } from 'typeorm';

/** Internal promotion rounds (竞聘) and the inputs entered for each candidate. */
export class CreatePromotionRounds1765152000003 implements MigrationInterface {
  name = 'CreatePromotionRounds1765152000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE coaching.promotion_rounds (
        id uuid PRIMARY KEY,
        tenant_id text NOT NULL,
        name text NOT NULL,
        period_from text NOT NULL,
        period_to text NOT NULL,
        eligibility jsonb NOT NULL,
        weights jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX ix_coaching_promotion_rounds_tenant ON coaching.promotion_rounds (tenant_id, created_at DESC)`,
    );
    await q.query(`
      CREATE TABLE coaching.promotion_candidates (
        tenant_id text NOT NULL,
        round_id uuid NOT NULL REFERENCES coaching.promotion_rounds (id) ON DELETE CASCADE,
        agent_id text NOT NULL,
        grade integer NOT NULL,
        written_test double precision NULL,
        attendance double precision NULL,
        kpi_attainment double precision NULL,
        major_incident boolean NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT pk_coaching_promotion_candidates PRIMARY KEY (tenant_id, round_id, agent_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE coaching.promotion_candidates`);
    await q.query(`DROP TABLE coaching.promotion_rounds`);
  }
}
