import { createMessagingTables, dropMessagingTables } from '@qa/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMessaging1763856000000 implements MigrationInterface {
  name = 'CreateMessaging1763856000000';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'complaints');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, 'complaints');
  }
}
