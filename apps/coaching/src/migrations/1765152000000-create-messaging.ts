import { createMessagingTables, dropMessagingTables } from '@qa/messaging';
import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateMessaging1765152000000 implements MigrationInterface {
  name = 'CreateMessaging1765152000000';

  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, 'coaching');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, 'coaching');
  }
}
