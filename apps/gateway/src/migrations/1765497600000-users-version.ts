import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An admin's edits of a user carry a version so two admins editing at once do not overwrite each
 * other (DESIGN: every write that can race takes expectedVersion). Not the token version, which a
 * logout raises too.
 */
export class UsersVersion1765497600000 implements MigrationInterface {
  name = 'UsersVersion1765497600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway.users ADD COLUMN version integer NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway.users DROP COLUMN version`);
  }
}
