import { rewriteCustomerRows } from '@qa/pii';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Customer phone and id in stored call bodies, encrypted under PII_KEY (AES-256-GCM). */
export class EncryptCustomerNumbers1764633600000 implements MigrationInterface {
  name = 'EncryptCustomerNumbers1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await rewriteCustomerRows(q, 'ingestion.calls', 'body', 'seal');
  }

  async down(q: QueryRunner): Promise<void> {
    await rewriteCustomerRows(q, 'ingestion.calls', 'body', 'open');
  }
}
