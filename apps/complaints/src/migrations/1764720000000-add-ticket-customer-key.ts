import { MigrationInterface, QueryRunner } from 'typeorm';

/** The opaque customer key of detected complaints: callback calls no longer carry the numbers. */
export class AddTicketCustomerKey1764720000000 implements MigrationInterface {
  name = 'AddTicketCustomerKey1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaints.tickets ADD COLUMN customer_key text`);
    await q.query(
      `CREATE INDEX ix_tickets_customer_key ON complaints.tickets (tenant_id, customer_key) WHERE customer_key IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX complaints.ix_tickets_customer_key`);
    await q.query(`ALTER TABLE complaints.tickets DROP COLUMN customer_key`);
  }
}
