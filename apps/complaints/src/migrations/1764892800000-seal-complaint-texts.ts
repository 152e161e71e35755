import { rewriteTextColumn } from '@qa/pii';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Free text that quotes the customer — a ticket's description (a detected ticket's is the call's
 * evidence) and the 回访 notes — encrypted under PII_KEY like the customer numbers. Neither is
 * searched or grouped by in SQL; root cause and department stay clear (the stats group by them)
 * and are masked when read instead.
 */
export class SealComplaintTexts1764892800000 implements MigrationInterface {
  name = 'SealComplaintTexts1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await rewriteTextColumn(q, 'complaints.tickets', 'description', 'seal');
    await rewriteTextColumn(q, 'complaints.callbacks', 'notes', 'seal');
  }

  async down(q: QueryRunner): Promise<void> {
    await rewriteTextColumn(q, 'complaints.callbacks', 'notes', 'open');
    await rewriteTextColumn(q, 'complaints.tickets', 'description', 'open');
  }
}
