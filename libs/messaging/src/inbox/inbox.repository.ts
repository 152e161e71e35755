import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';

export interface InboxEntry {
  eventId: string;
  topic: string;
  partition: number;
  offset: string;
}

@Injectable()
export class InboxRepository {
  private readonly table: string;
  private readonly consumer: string;

  constructor(@Inject(MESSAGING_OPTIONS) opts: MessagingOptions) {
    this.table = `${opts.schema}.inbox`;
    this.consumer = opts.service;
  }

  /** Records the event in the effect's transaction; false means it was handled before. */
  async claim(manager: EntityManager, e: InboxEntry): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO ${this.table} (consumer, event_id, topic, partition, "offset")
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1`,
      [this.consumer, e.eventId, e.topic, e.partition, e.offset],
    )) as unknown[];
    return rows.length === 1;
  }
}
