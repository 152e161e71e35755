import { MigrationInterface, QueryRunner } from 'typeorm';

/** Leads and agents belong to a team: KPIs show a lead their team's figures. */
export class AddUserTeam1764460800000 implements MigrationInterface {
  name = 'AddUserTeam1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway.users ADD COLUMN team_id text NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway.users DROP COLUMN team_id`);
  }
}
