import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTickets1764460800000 implements MigrationInterface {
  name = 'CreateTickets1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE complaints.settings (
      tenant_id text PRIMARY KEY,
      settings jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE complaints.tickets (
      id uuid PRIMARY KEY,
      tenant_id text NOT NULL,
      call_id text,
      evaluation_id text,
      customer_id text,
      customer_phone text,
      agent_id text,
      team_id text,
      category text NOT NULL,
      severity text NOT NULL,
      description text NOT NULL DEFAULT '',
      status text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      assignee text,
      root_cause text,
      department text,
      promised_reply_at timestamptz,
      clocks jsonb NOT NULL,
      breached jsonb NOT NULL DEFAULT '[]',
      next_due_at timestamptz,
      overdue boolean NOT NULL DEFAULT false,
      paused boolean NOT NULL DEFAULT false,
      repeat_of uuid,
      callback_attempt integer NOT NULL DEFAULT 0,
      reopened_count integer NOT NULL DEFAULT 0,
      opened_at timestamptz NOT NULL,
      resolved_at timestamptz,
      closed_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT uq_tickets_call UNIQUE (tenant_id, call_id)
    )`);
    await q.query(
      `CREATE INDEX ix_tickets_urgency ON complaints.tickets (tenant_id, overdue DESC, next_due_at, id)`,
    );
    await q.query(
      `CREATE INDEX ix_tickets_customer ON complaints.tickets (tenant_id, customer_id, category, opened_at DESC)`,
    );
    await q.query(`CREATE INDEX ix_tickets_opened ON complaints.tickets (tenant_id, opened_at)`);
    await q.query(`CREATE TABLE complaints.ticket_history (
      id bigserial PRIMARY KEY,
      ticket_id uuid NOT NULL REFERENCES complaints.tickets (id) ON DELETE CASCADE,
      at timestamptz NOT NULL,
      actor text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      reason text NOT NULL DEFAULT ''
    )`);
    await q.query(
      `CREATE INDEX ix_ticket_history_ticket ON complaints.ticket_history (ticket_id, id)`,
    );
    await q.query(`CREATE TABLE complaints.callbacks (
      id uuid PRIMARY KEY,
      ticket_id uuid NOT NULL REFERENCES complaints.tickets (id) ON DELETE CASCADE,
      tenant_id text NOT NULL,
      attempt integer NOT NULL,
      outcome text NOT NULL,
      satisfaction integer,
      notes text NOT NULL DEFAULT '',
      call_id text,
      recorded_by text NOT NULL,
      at timestamptz NOT NULL,
      due_at timestamptz,
      on_time boolean NOT NULL,
      final boolean NOT NULL,
      CONSTRAINT ck_callbacks_satisfaction CHECK (satisfaction BETWEEN 1 AND 5)
    )`);
    await q.query(`CREATE INDEX ix_callbacks_ticket ON complaints.callbacks (ticket_id, at)`);
    await q.query(`CREATE TABLE complaints.notifications (
      id bigserial PRIMARY KEY,
      tenant_id text NOT NULL,
      ticket_id uuid NOT NULL REFERENCES complaints.tickets (id) ON DELETE CASCADE,
      kind text NOT NULL,
      recipient text NOT NULL,
      purpose text NOT NULL,
      due_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      CONSTRAINT uq_notifications_once UNIQUE (ticket_id, kind, purpose, due_at)
    )`);
    await q.query(
      `CREATE INDEX ix_notifications_unread ON complaints.notifications (tenant_id, recipient, created_at DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE complaints.notifications`);
    await q.query(`DROP TABLE complaints.callbacks`);
    await q.query(`DROP TABLE complaints.ticket_history`);
    await q.query(`DROP TABLE complaints.tickets`);
    await q.query(`DROP TABLE complaints.settings`);
  }
}
