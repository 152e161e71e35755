import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MESSAGING_OPTIONS, MessagingOptions } from '../messaging.options';

export interface OutboxRow {
  id: string;
  eventId: string;
  topic: string;
  key: string;
  payload: Buffer;
  headers: Record<string, string>;
}

export type NewOutboxRow = Omit<OutboxRow, 'id'>;

/** All outbox SQL. The relay's advisory lock keeps per-key order across service replicas. */
@Injectable()
export class OutboxRepository {
  private readonly table: string;
  private readonly lockKey: number;

  constructor(@Inject(MESSAGING_OPTIONS) opts: MessagingOptions) {
    this.table = `${opts.schema}.outbox`;
    this.lockKey = hash32(`outbox:${opts.schema}`);
  }

  async insert(manager: EntityManager, rows: NewOutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    const values: unknown[] = [];
    const tuples = rows.map((r, i) => {
      values.push(r.eventId, r.topic, r.key, r.payload, JSON.stringify(r.headers));
      const b = i * 5;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}::jsonb)`;
    });
    await manager.query(
      `INSERT INTO ${this.table} (event_id, topic, key, payload, headers) VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  /** See OutboxService.insertForKeys; rows keep their given order (and so their ids). */
  insertForKeys(
    rows: NewOutboxRow[],
    keysFrom: string,
    firstParam: number,
  ): { sql: string; params: unknown[] } {
    const p = (i: number) => `$${firstParam + i}`;
    return {
      sql: `INSERT INTO ${this.table} (event_id, topic, key, payload, headers)
        SELECT o.event_id, o.topic, o.key, o.payload, o.headers
        FROM unnest(${p(0)}::uuid[], ${p(1)}::text[], ${p(2)}::text[], ${p(3)}::bytea[], ${p(4)}::jsonb[])
          WITH ORDINALITY AS o(event_id, topic, key, payload, headers, n)
        WHERE o.key IN (SELECT key FROM ${keysFrom})
        ORDER BY o.n`,
      params: [
        rows.map((r) => r.eventId),
        rows.map((r) => r.topic),
        rows.map((r) => r.key),
        rows.map((r) => r.payload),
        rows.map((r) => JSON.stringify(r.headers)),
      ],
    };
  }

  /** Takes the relay lock for this transaction; false when another relay holds it. */
  async tryLock(manager: EntityManager): Promise<boolean> {
    const [row] = (await manager.query('SELECT pg_try_advisory_xact_lock($1) AS ok', [
      this.lockKey,
    ])) as { ok: boolean }[];
    return row.ok;
  }

  async pending(manager: EntityManager, limit: number): Promise<OutboxRow[]> {
    const rows = (await manager.query(
      `SELECT id, event_id, topic, key, payload, headers FROM ${this.table}
       WHERE sent_at IS NULL ORDER BY id LIMIT $1`,
      [limit],
    )) as {
      id: string;
      event_id: string;
      topic: string;
      key: string;
      payload: Buffer;
      headers: Record<string, string>;
    }[];
    return rows.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      topic: r.topic,
      key: r.key,
      payload: r.payload,
      headers: r.headers,
    }));
  }

  async markSent(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(`UPDATE ${this.table} SET sent_at = now() WHERE id = ANY($1::bigint[])`, [
      ids,
    ]);
  }

  async countPending(manager: EntityManager): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS n FROM ${this.table} WHERE sent_at IS NULL`,
    )) as { n: number }[];
    return row.n;
  }
}

function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
