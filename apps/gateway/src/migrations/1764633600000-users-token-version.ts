import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access tokens carry the user's token version; logout and a password change raise it, which
 * revokes the tokens already issued. Login backoff moved to memory (it tracks unknown usernames
 * too, so its answers reveal nothing), so the lock columns go.
 */
export class UsersTokenVersion1764633600000 implements MigrationInterface {
  name = 'UsersTokenVersion1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway.users ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE gateway.users DROP COLUMN failed_logins, DROP COLUMN locked_until`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway.users
      ADD COLUMN failed_logins integer NOT NULL DEFAULT 0,
      ADD COLUMN locked_until timestamptz NULL`);
    await q.query(`ALTER TABLE gateway.users DROP COLUMN token_version`);
  }
}
