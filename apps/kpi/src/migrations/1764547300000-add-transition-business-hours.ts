import { MigrationInterface, QueryRunner } from 'typeorm';

/** The business hours a ticket was open when it closed, by the complaints tenant's calendar. */
export class AddTransitionBusinessHours1764547300000 implements MigrationInterface {
  name = 'AddTransitionBusinessHours1764547300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE kpi.complaint_transitions ADD COLUMN business_hours_open double precision NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE kpi.complaint_transitions DROP COLUMN business_hours_open`);
  }
}
