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

  /**
   * Records events in the effects' transaction with one statement; answers the ids not handled
   * before. Ids repeated in `entries` are claimed once.
   */
  async claimMany(manager: EntityManager, entries: InboxEntry[]): Promise<Set<string>> {
    if (entries.length === 0) return new Set();
    const rows = (await manager.query(
      `INSERT INTO ${this.table} (consumer, event_id, topic, partition, "offset")
       SELECT $1, u.event_id, u.topic, u.partition, u.off
       FROM unnest($2::text[], $3::text[], $4::int[], $5::bigint[])
         AS u(event_id, topic, partition, off)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [
        this.consumer,
        entries.map((e) => e.eventId),
        entries.map((e) => e.topic),
        entries.map((e) => e.partition),
        entries.map((e) => e.offset),
      ],
    )) as { event_id: string }[];
    return new Set(rows.map((r) => r.event_id));
  }
}
