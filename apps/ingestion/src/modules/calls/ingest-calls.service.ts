import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Topics } from '@qa/contracts';
import { OutboxService } from '@qa/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { TenantSettingsRepository } from '../tenants/tenant-settings.repository';
import { deriveRingCount, differingFields, hashCallBody, toCallIngested } from './calls.mapper';
import { CallsRepository, NewCallRow } from './calls.repository';
import type { CallBody } from './calls.types';

export type IngestStatus = 'accepted' | 'duplicate' | 'conflict';

export interface IngestOutcome {
  callId: string;
  status: IngestStatus;
  /** For a conflict: the top-level fields that differ from the stored call. */
  differingFields?: string[];
}

const CHUNK = 500;

/**
 * Stores validated calls and their qa.call.ingested.v1 events in the same transaction, many at a
 * time (one insert for the calls, one for the outbox). Idempotent by (tenant, callId).
 */
@Injectable()
export class IngestCallsService {
  private readonly logger = new Logger(IngestCallsService.name);
  private readonly defaultSecondsPerRing: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly calls: CallsRepository,
    private readonly tenants: TenantSettingsRepository,
    private readonly outbox: OutboxService,
    config: ConfigService,
  ) {
    this.defaultSecondsPerRing = config.getOrThrow<number>('DEFAULT_SECONDS_PER_RING');
  }

  /** Calls of one tenant; each chunk of 500 commits on its own. */
  async ingest(tenantId: string, bodies: CallBody[], traceId: string): Promise<IngestOutcome[]> {
    const out: IngestOutcome[] = [];
    for (let i = 0; i < bodies.length; i += CHUNK) {
      const chunk = bodies.slice(i, i + CHUNK);
      out.push(
        ...(await this.dataSource.transaction((m) => this.ingestIn(m, tenantId, chunk, traceId))),
      );
    }
    const accepted = out.filter((o) => o.status === 'accepted').length;
    if (accepted > 0) {
      this.outbox.wake();
      this.logger.log({ tenantId, accepted, received: bodies.length, traceId }, 'calls accepted');
    }
    return out;
  }

  /** Inside the caller's transaction (the raw-topic consumer commits it with its inbox row). */
  async ingestIn(
    manager: EntityManager,
    tenantId: string,
    bodies: CallBody[],
    traceId: string,
  ): Promise<IngestOutcome[]> {
    const spr =
      (await this.tenants.get(manager, tenantId))?.secondsPerRing ?? this.defaultSecondsPerRing;
    const rows: NewCallRow[] = bodies.map((b) => ({
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
    }));
    const inserted = await this.calls.insertMany(manager, rows);
    const fresh = rows.filter((r) => inserted.has(`${tenantId}\u0000${r.callId}`));
    const now = new Date().toISOString();
    await this.outbox.add(
      manager,
      fresh.map((r) => ({
        topic: Topics.CallIngested,
        key: r.callId,
        payload: toCallIngested(r.body, r.ringCount, now),
        tenantId,
        traceId,
        occurredAt: r.body.endedAt,
      })),
    );
    const stale = rows.filter((r) => !inserted.has(`${tenantId}\u0000${r.callId}`));
    const stored = stale.length
      ? await this.calls.existing(
          manager,
          tenantId,
          stale.map((r) => r.callId),
        )
      : new Map();
    return rows.map((r) => {
      if (inserted.has(`${tenantId}\u0000${r.callId}`))
        return { callId: r.callId, status: 'accepted' };
      const prev = stored.get(r.callId);
      if (!prev || prev.bodyHash === r.bodyHash) return { callId: r.callId, status: 'duplicate' };
      return {
        callId: r.callId,
        status: 'conflict',
        differingFields: differingFields(prev.body, r.body),
      };
    });
  }
}
