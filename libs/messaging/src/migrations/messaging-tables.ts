import { QueryRunner } from 'typeorm';

/** Outbox and inbox tables for one service schema; called from that service's first migration. */
export async function createMessagingTables(q: QueryRunner, schema: string): Promise<void> {
  await q.query(`CREATE TABLE ${schema}.outbox (
    id bigserial PRIMARY KEY,
    event_id uuid NOT NULL,
    topic text NOT NULL,
    key text NOT NULL,
    payload bytea NOT NULL,
    headers jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at timestamptz NULL,
    CONSTRAINT uq_outbox_event_id UNIQUE (event_id)
  )`);
  await q.query(`CREATE INDEX ix_outbox_pending ON ${schema}.outbox (id) WHERE sent_at IS NULL`);
  await q.query(`CREATE TABLE ${schema}.inbox (
    consumer text NOT NULL,
    event_id text NOT NULL,
    topic text NOT NULL,
    partition integer NOT NULL,
    "offset" bigint NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_inbox PRIMARY KEY (consumer, event_id)
  )`);
}

export async function dropMessagingTables(q: QueryRunner, schema: string): Promise<void> {
  await q.query(`DROP TABLE ${schema}.inbox`);
  await q.query(`DROP TABLE ${schema}.outbox`);
}
