import { MigrationInterface, QueryRunner } from 'typeorm';

/** An admin may disable an account: it cannot log in and its tokens stop working. */
export class UsersDisabled1764806400000 implements MigrationInterface {
  name = 'UsersDisabled1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway.users ADD COLUMN disabled_at timestamptz NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway.users DROP COLUMN disabled_at`);
  }
}
