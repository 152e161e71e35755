import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { openCustomer, piiCipher, sealCustomer } from '@qa/pii';
import { EntityManager, Repository } from 'typeorm';
import type { CallBody } from './calls.types';
import { CallEntity } from './entities/call.entity';

export interface NewCallRow {
  tenantId: string;
  callId: string;
  agentId: string;
  teamId: string;
  direction: string;
  purpose: string;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string;
  ringCount: number;
  body: CallBody;
  bodyHash: string;
}

export interface CallListFilter {
  tenantId: string;
  agentId?: string;
  teamId?: string;
  from?: string;
  to?: string;
  /** Keyset position: the last row of the previous page (startedAt as sent, RFC 3339). */
  after?: { startedAt: string; callId: string };
  limit: number;
}

/** The events of the calls a statement inserted, as OutboxService.insertForKeys gives them. */
export type EventsForKeys = (
  keysFrom: string,
  firstParam: number,
) => { sql: string; params: unknown[] };

const COLUMNS = 12;
export const INSERT_COLUMNS = `tenant_id, call_id, agent_id, team_id, direction, purpose, started_at,
  answered_at, ended_at, ring_count, body, body_hash`;

@Injectable()
export class CallsRepository {
  constructor(@InjectRepository(CallEntity) private readonly calls: Repository<CallEntity>) {}

  /**
   * One multi-row INSERT for many calls of one tenant; rows whose (tenant, callId) exists are
   * skipped, and a concurrent insert of the same call waits for the first and is skipped too.
   * Rows go in callId order so two transactions over overlapping calls lock in the same order
   * and cannot deadlock. Returns the callIds actually inserted.
   */
  async insertMany(
    manager: EntityManager,
    rows: NewCallRow[],
    events?: EventsForKeys,
  ): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const sorted = [...rows].sort((a, b) =>
      a.callId < b.callId ? -1 : a.callId > b.callId ? 1 : 0,
    );
    const values: unknown[] = new Array(sorted.length * COLUMNS);
    const tuples: string[] = new Array(sorted.length);
    sorted.forEach((r, i) => {
      const b = i * COLUMNS;
      values[b] = r.tenantId;
      values[b + 1] = r.callId;
      values[b + 2] = r.agentId;
      values[b + 3] = r.teamId;
      values[b + 4] = r.direction;
      values[b + 5] = r.purpose;
      values[b + 6] = r.startedAt;
      values[b + 7] = r.answeredAt;
      values[b + 8] = r.endedAt;
      values[b + 9] = r.ringCount;
      // Sent as text: Postgres parses each body once, straight into jsonb. Raw SQL skips the
      // entity's transformer, so the customer's numbers are encrypted here.
      values[b + 10] = JSON.stringify(sealCustomer(piiCipher(), r.body));
      values[b + 11] = r.bodyHash;
      tuples[i] =
        `($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6},$${b + 7}::timestamptz,` +
        `$${b + 8}::timestamptz,$${b + 9}::timestamptz,$${b + 10}::int,$${b + 11}::jsonb,$${b + 12})`;
    });
    const insert = `INSERT INTO ingestion.calls (${INSERT_COLUMNS}) VALUES ${tuples.join(',')}
       ON CONFLICT (tenant_id, call_id) DO NOTHING RETURNING call_id AS key`;
    // The inserted calls' events in the same statement: one round trip, atomic without BEGIN.
    const outbox = events?.('inserted', values.length + 1);
    const inserted = (await manager.query(
      outbox
        ? `WITH inserted AS (${insert}), events AS (${outbox.sql}) SELECT key FROM inserted`
        : insert,
      outbox ? [...values, ...outbox.params] : values,
    )) as { key: string }[];
    return new Set(inserted.map((r) => r.key));
  }

  /** Stored body and hash of calls that were already there: what a duplicate is compared with. */
  async existing(
    manager: EntityManager,
    tenantId: string,
    callIds: string[],
  ): Promise<Map<string, { body: CallBody; bodyHash: string }>> {
    if (callIds.length === 0) return new Map();
    const rows = (await manager.query(
      'SELECT call_id, body, body_hash FROM ingestion.calls WHERE tenant_id = $1 AND call_id = ANY($2)',
      [tenantId, callIds],
    )) as { call_id: string; body: CallBody; body_hash: string }[];
    const cipher = piiCipher();
    return new Map(
      rows.map((r) => [r.call_id, { body: openCustomer(cipher, r.body), bodyHash: r.body_hash }]),
    );
  }

  findOne(tenantId: string, callId: string): Promise<CallEntity | null> {
    return this.calls.findOneBy({ tenantId, callId });
  }

  /** Newest first by (started_at, call_id), the keyset the cursor carries. */
  list(f: CallListFilter): Promise<CallEntity[]> {
    const q = this.calls
      .createQueryBuilder('c')
      .where('c.tenant_id = :tenantId', { tenantId: f.tenantId });
    if (f.agentId !== undefined) q.andWhere('c.agent_id = :agentId', { agentId: f.agentId });
    if (f.teamId !== undefined) q.andWhere('c.team_id = :teamId', { teamId: f.teamId });
    if (f.from) q.andWhere('c.started_at >= :from::timestamptz', { from: f.from });
    if (f.to) q.andWhere('c.started_at < :to::timestamptz', { to: f.to });
    if (f.after) {
      q.andWhere('(c.started_at, c.call_id) < (:afterAt::timestamptz, :afterId)', {
        afterAt: f.after.startedAt,
        afterId: f.after.callId,
      });
    }
    return q
      .orderBy('c.started_at', 'DESC')
      .addOrderBy('c.call_id', 'DESC')
      .limit(f.limit)
      .getMany();
  }
}
