import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Topics } from '@qa/contracts';
import { OutboxService } from '@qa/messaging';
import { ProblemError } from '@qa/platform';
import { DataSource } from 'typeorm';
import { checkCallConsistency } from './call-consistency';
import { CallError } from './calls.errors';
import { deriveRingCount, differingFields, hashCallBody, toCallIngested } from './calls.mapper';
import { CallsRepository } from './calls.repository';
import type { CallBody } from './calls.types';

export interface IngestResult {
  callId: string;
  status: 'accepted' | 'duplicate';
}

@Injectable()
export class CallsService {
  private readonly logger = new Logger(CallsService.name);
  private readonly secondsPerRing: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly calls: CallsRepository,
    private readonly outbox: OutboxService,
    config: ConfigService,
  ) {
    this.secondsPerRing = config.getOrThrow<number>('DEFAULT_SECONDS_PER_RING');
  }

  /** Stores the call and its `qa.call.ingested.v1` event in one transaction; idempotent by callId. */
  async ingest(body: CallBody, traceId: string): Promise<IngestResult> {
    const problems = checkCallConsistency(body);
    if (problems.length > 0) {
      throw new ProblemError(400, 'Invalid request', 'The call is not consistent.', problems);
    }
    const bodyHash = hashCallBody(body);
    const ringCount = deriveRingCount(body, this.secondsPerRing);
    const result = await this.dataSource.transaction(async (manager) => {
      const inserted = await this.calls.insertIfAbsent(manager, {
        tenantId: body.tenantId,
        callId: body.callId,
        agentId: body.agentId,
        teamId: body.teamId,
        direction: body.direction,
        purpose: body.purpose,
        startedAt: new Date(body.startedAt),
        answeredAt: body.answeredAt ? new Date(body.answeredAt) : null,
        endedAt: new Date(body.endedAt),
        ringCount,
        body,
        bodyHash,
      });
      if (!inserted) {
        const existing = await this.calls.findOne(body.tenantId, body.callId, manager);
        if (existing && existing.bodyHash !== bodyHash) {
          throw CallError.conflict(body.callId, differingFields(existing.body, body));
        }
        return { callId: body.callId, status: 'duplicate' as const };
      }
      await this.outbox.add(manager, [
        {
          topic: Topics.CallIngested,
          key: body.callId,
          payload: toCallIngested(body, ringCount, new Date().toISOString()),
          tenantId: body.tenantId,
          traceId,
          occurredAt: body.endedAt,
        },
      ]);
      return { callId: body.callId, status: 'accepted' as const };
    });
    if (result.status === 'accepted') {
      this.outbox.wake();
      this.logger.log({ callId: body.callId, tenantId: body.tenantId, traceId }, 'call accepted');
    }
    return result;
  }

  async get(tenantId: string, callId: string): Promise<CallBody & { ringCount: number }> {
    const call = await this.calls.findOne(tenantId, callId);
    if (!call) throw CallError.notFound(callId);
    return { ...call.body, ringCount: call.ringCount };
  }
}
