import { createMessagingTables, dropMessagingTables } from '@qa/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsersTenants1763856000000 implements MigrationInterface {
  name = 'CreateUsersTenants1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE gateway.tenants (
      tenant_id text PRIMARY KEY,
      name text NOT NULL,
      company_name text NOT NULL,
      seconds_per_ring integer NOT NULL,
      timezone text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE gateway.users (
      id uuid PRIMARY KEY,
      username text NOT NULL,
      password_hash text NOT NULL,
      role text NOT NULL,
      tenant_id text NULL REFERENCES gateway.tenants (tenant_id),
      agent_id text NULL,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT uq_users_username UNIQUE (username)
    )`);
    await q.query(`CREATE TABLE gateway.refresh_tokens (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES gateway.users (id) ON DELETE CASCADE,
      token_hash text NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX ix_refresh_tokens_user ON gateway.refresh_tokens (user_id)`);
    await createMessagingTables(q, 'gateway');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, 'gateway');
    await q.query(`DROP TABLE gateway.refresh_tokens`);
    await q.query(`DROP TABLE gateway.users`);
    await q.query(`DROP TABLE gateway.tenants`);
  }
}
