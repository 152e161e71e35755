import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Topics } from '@qa/contracts';
import { OutboxService } from '@qa/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { TenantSettingsRepository } from '../tenants/tenant-settings.repository';
import { differingFields, hashCallBody } from './call-body';
import { deriveRingCount, toCallIngested } from './calls.mapper';
import { CallsRepository, NewCallRow } from './calls.repository';
import type { CallBody } from './calls.types';

export type IngestStatus = 'accepted' | 'duplicate' | 'conflict';

export interface IngestOutcome {
  callId: string;
  status: IngestStatus;
  /** For a conflict: the top-level fields that differ from the stored call. */
  differingFields?: string[];
}

/** Calls per statement: one INSERT for the calls and their outbox rows. */
export const CHUNK = 500;
/** Chunks in flight at once, so Postgres works on one while Node prepares the next. */
const LANES = 2;
const DEADLOCK = '40P01';

interface Waiting {
  tenantId: string;
  body: CallBody;
  traceId: string;
  resolve(outcome: IngestOutcome): void;
  reject(err: unknown): void;
}

/**
 * Stores validated calls and their qa.call.ingested.v1 events in the same statement, many at a
 * time. Idempotent by (tenant, callId): the same call again is a duplicate without a second
 * event, a different body under the same callId is a conflict naming the fields that differ.
 */
@Injectable()
export class IngestCallsService {
  private readonly logger = new Logger(IngestCallsService.name);
  private readonly defaultSecondsPerRing: number;
  /** Single calls waiting for a transaction, and how many such transactions are running. */
  private readonly waiting: Waiting[] = [];
  private flushing = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly calls: CallsRepository,
    private readonly tenants: TenantSettingsRepository,
    private readonly outbox: OutboxService,
    config: ConfigService,
  ) {
    this.defaultSecondsPerRing = config.getOrThrow<number>('DEFAULT_SECONDS_PER_RING');
  }

  /** Calls of one tenant, in order of the input; each chunk commits on its own. */
  async ingest(tenantId: string, bodies: CallBody[], traceId: string): Promise<IngestOutcome[]> {
    const chunks: CallBody[][] = [];
    for (let i = 0; i < bodies.length; i += CHUNK) chunks.push(bodies.slice(i, i + CHUNK));
    const results: IngestOutcome[][] = new Array(chunks.length);
    let next = 0;
    const lane = async () => {
      while (next < chunks.length) {
        const n = next++;
        results[n] = await this.autocommit((m) => this.ingestIn(m, tenantId, chunks[n], traceId));
      }
    };
    await Promise.all(Array.from({ length: Math.min(LANES, chunks.length) }, lane));
    const out = results.flat();
    const accepted = out.filter((o) => o.status === 'accepted').length;
    if (accepted > 0) {
      this.outbox.wake();
      this.logger.log({ tenantId, accepted, received: bodies.length, traceId }, 'calls accepted');
    }
    return out;
  }

  /**
   * One call, committed together with the single calls that arrive meanwhile (group commit):
   * alone when the service is idle, so no latency is added, and one transaction for many under
   * load instead of one each.
   */
  ingestSingle(tenantId: string, body: CallBody, traceId: string): Promise<IngestOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ tenantId, body, traceId, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.flushing < LANES && this.waiting.length > 0) {
      const group = this.takeGroup();
      this.flushing++;
      void this.flush(group).finally(() => {
        this.flushing--;
        this.pump();
      });
    }
  }

  /** Up to CHUNK waiting calls, each (tenant, callId) once: a repeat waits for the next group. */
  private takeGroup(): Waiting[] {
    const group: Waiting[] = [];
    const keys = new Set<string>();
    const rest: Waiting[] = [];
    for (const w of this.waiting) {
      const key = `${w.tenantId}\u0000${w.body.callId}`;
      if (group.length < CHUNK && !keys.has(key)) {
        keys.add(key);
        group.push(w);
      } else rest.push(w);
    }
    this.waiting.splice(0, this.waiting.length, ...rest);
    return group;
  }

  /** Each tenant's calls of the group commit on their own: one statement, one round trip. */
  private async flush(group: Waiting[]): Promise<void> {
    const byTenant = new Map<string, Waiting[]>();
    for (const w of group) {
      const list = byTenant.get(w.tenantId);
      if (list) list.push(w);
      else byTenant.set(w.tenantId, [w]);
    }
    for (const [tenantId, ws] of byTenant) {
      try {
        const outcomes = await this.autocommit((m) =>
          this.ingestIn(
            m,
            tenantId,
            ws.map((w) => w.body),
            ws.map((w) => w.traceId),
          ),
        );
        if (outcomes.some((o) => o.status === 'accepted')) this.outbox.wake();
        this.logger.debug({ calls: ws.length }, 'single calls committed');
        ws.forEach((w, i) => w.resolve(outcomes[i]));
      } catch (err) {
        for (const w of ws) w.reject(err);
      }
    }
  }

  /**
   * Inside the caller's transaction (the raw-topic consumer commits it with its inbox rows).
   * `traceId` is one for all the calls, or one per call.
   */
  async ingestIn(
    manager: EntityManager,
    tenantId: string,
    bodies: readonly CallBody[],
    traceId: string | readonly string[],
  ): Promise<IngestOutcome[]> {
    const spr =
      (await this.tenants.cached(manager, tenantId))?.secondsPerRing ?? this.defaultSecondsPerRing;
    const traceOf = (i: number) => (typeof traceId === 'string' ? traceId : traceId[i]);
    const rows: (NewCallRow & { traceId: string })[] = bodies.map((b, i) => ({
      tenantId,
      callId: b.callId,
      agentId: b.agentId,
      teamId: b.teamId,
      direction: b.direction,
      purpose: b.purpose,
      startedAt: b.startedAt,
      answeredAt: b.answeredAt,
      endedAt: b.endedAt,
      ringCount: deriveRingCount(b, spr),
      body: b,
      bodyHash: hashCallBody(b),
      traceId: traceOf(i),
    }));
    const ingestedAt = new Date().toISOString();
    // Every call's event is prepared; the statement records those of the calls it inserted.
    const events = rows.map((r) => ({
      topic: Topics.CallIngested,
      key: r.callId,
      payload: toCallIngested(r.body, r.ringCount, ingestedAt),
      tenantId,
      traceId: r.traceId,
      // When the call happened (it ended), as every topic states its time: UTC ISO.
      occurredAt: new Date(r.body.endedAt).toISOString(),
    }));
    const inserted = await this.calls.insertMany(manager, rows, (keysFrom, firstParam) =>
      this.outbox.insertForKeys(events, keysFrom, firstParam),
    );
    const stored = await this.calls.existing(
      manager,
      tenantId,
      rows.filter((r) => !inserted.has(r.callId)).map((r) => r.callId),
    );
    return rows.map((r): IngestOutcome => {
      if (inserted.has(r.callId)) return { callId: r.callId, status: 'accepted' };
      const prev = stored.get(r.callId);
      if (!prev || prev.bodyHash === r.bodyHash) return { callId: r.callId, status: 'duplicate' };
      return {
        callId: r.callId,
        status: 'conflict',
        differingFields: differingFields(prev.body, r.body),
      };
    });
  }

  /**
   * Without BEGIN and COMMIT: ingestIn writes calls and events in one statement, atomic on its
   * own, and only reads after it (a duplicate's stored body), so a transaction would add two
   * round trips and nothing else. Rows are locked in callId order, so overlapping ingests wait
   * for each other rather than deadlock; should Postgres still abort one as a deadlock victim, the
   * chunk is idempotent and runs again once.
   */
  private async autocommit<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await work(this.dataSource.manager);
    } catch (err) {
      if (codeOf(err) !== DEADLOCK) throw withoutParameters(err);
      this.logger.warn('deadlock between concurrent ingests; retrying the chunk once');
      return work(this.dataSource.manager).catch((again: unknown) => {
        throw withoutParameters(again);
      });
    }
  }
}

const codeOf = (err: unknown): string | undefined =>
  (err as { driverError?: { code?: string } }).driverError?.code;

/**
 * A failed INSERT carries its parameters (whole call bodies: transcripts, phone numbers) and the
 * error filter logs what it is given; pass on only the message and the SQLSTATE.
 */
export function withoutParameters(err: unknown): unknown {
  if (!(err instanceof Error) || !('parameters' in err)) return err;
  return Object.assign(new Error(`storing calls failed: ${err.message}`), {
    name: 'CallStoreError',
    code: codeOf(err),
  });
}
