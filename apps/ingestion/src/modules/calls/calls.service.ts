import { Injectable } from '@nestjs/common';
import { canSeePii, FieldError, Identity, ProblemError } from '@qa/platform';
import { MAX_BATCH, ParsedItem } from './batch-parser';
import { validateCallPayload } from './call-validation';
import { CallError } from './calls.errors';
import { CallsRepository } from './calls.repository';
import type { CallBody } from './calls.types';
import { maskPhone, maskPii } from './pii-masker';
import { IngestCallsService } from './ingest-calls.service';

export interface BatchItemResult {
  index: number;
  callId: string | null;
  status: 'accepted' | 'duplicate' | 'rejected';
  errors?: FieldError[];
}

const tenantOf = (identity: Identity): string => {
  if (identity.tenantId === null)
    throw new ProblemError(404, 'Not found', 'no calls outside a tenant');
  return identity.tenantId;
};

@Injectable()
export class CallsService {
  constructor(
    private readonly calls: CallsRepository,
    private readonly ingestion: IngestCallsService,
  ) {}

  /** One call: accepted (201), the same call again (200), or a 409 naming what differs. */
  async ingestOne(
    identity: Identity,
    body: CallBody,
    traceId: string,
  ): Promise<{ callId: string; status: 'accepted' | 'duplicate' }> {
    this.checkTenant(identity, body.tenantId, 'tenantId');
    const validated = validateCallPayload(body);
    if (!validated.ok)
      throw new ProblemError(
        400,
        'Invalid request',
        'The call is not consistent.',
        validated.errors,
      );
    const [outcome] = await this.ingestion.ingest(body.tenantId, [validated.body], traceId);
    if (outcome.status === 'conflict')
      throw CallError.conflict(body.callId, outcome.differingFields ?? []);
    return { callId: outcome.callId, status: outcome.status };
  }

  /** Up to 10,000 calls; valid ones are stored even when others are rejected. */
  async ingestBatch(
    identity: Identity,
    items: ParsedItem[],
    traceId: string,
  ): Promise<{
    results: BatchItemResult[];
    accepted: number;
    duplicate: number;
    rejected: number;
  }> {
    const tenantId = tenantOf(identity);
    if (items.length === 0) throw new ProblemError(400, 'Invalid request', 'the batch is empty');
    if (items.length > MAX_BATCH) {
      throw new ProblemError(
        413,
        'Payload too large',
        `a batch holds at most ${MAX_BATCH} calls (got ${items.length})`,
      );
    }
    const results: BatchItemResult[] = [];
    const valid: { index: number; body: CallBody }[] = [];
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (!item.ok)
        return results.push({ index, callId: null, status: 'rejected', errors: item.errors });
      const v = validateCallPayload(item.value);
      const callId =
        typeof (item.value as { callId?: unknown })?.callId === 'string'
          ? (item.value as { callId: string }).callId
          : null;
      if (!v.ok) return results.push({ index, callId, status: 'rejected', errors: v.errors });
      if (v.body.tenantId !== tenantId) {
        return results.push({
          index,
          callId,
          status: 'rejected',
          errors: [{ path: 'tenantId', message: 'must be your own tenant' }],
        });
      }
      if (seen.has(v.body.callId)) {
        return results.push({
          index,
          callId,
          status: 'rejected',
          errors: [{ path: 'callId', message: 'appears earlier in this batch' }],
        });
      }
      seen.add(v.body.callId);
      valid.push({ index, body: v.body });
    });
    const outcomes = await this.ingestion.ingest(
      tenantId,
      valid.map((v) => v.body),
      traceId,
    );
    outcomes.forEach((o, i) => {
      const index = valid[i].index;
      if (o.status === 'conflict') {
        results.push({
          index,
          callId: o.callId,
          status: 'rejected',
          errors: [
            {
              path: 'callId',
              message: `already accepted with a different body (differs in ${o.differingFields?.join(', ')})`,
            },
          ],
        });
      } else {
        results.push({ index, callId: o.callId, status: o.status });
      }
    });
    results.sort((a, b) => a.index - b.index);
    const count = (s: BatchItemResult['status']) => results.filter((r) => r.status === s).length;
    return {
      results,
      accepted: count('accepted'),
      duplicate: count('duplicate'),
      rejected: count('rejected'),
    };
  }

  async get(identity: Identity, callId: string): Promise<CallBody & { ringCount: number }> {
    const call = await this.calls.findOne(tenantOf(identity), callId);
    if (!call || (identity.role === 'agent' && call.agentId !== identity.agentId))
      throw CallError.notFound(callId);
    return this.present(identity, { ...call.body, ringCount: call.ringCount });
  }

  async list(
    identity: Identity,
    q: {
      agentId?: string;
      teamId?: string;
      from?: string;
      to?: string;
      cursor?: string;
      limit?: number;
    },
  ) {
    const tenantId = tenantOf(identity);
    const after = q.cursor ? decodeCursor(q.cursor) : undefined;
    if (after === null)
      throw new ProblemError(400, 'Invalid request', 'cursor is not valid', [
        { path: 'cursor', message: 'unknown cursor' },
      ]);
    const limit = q.limit ?? 50;
    const rows = await this.calls.list({
      tenantId,
      agentId: identity.role === 'agent' ? (identity.agentId ?? '\u0000') : q.agentId,
      teamId: q.teamId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      after,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((c) => this.present(identity, { ...c.body, ringCount: c.ringCount })),
      nextCursor: rows.length > limit && last ? encodeCursor(last.startedAt, last.callId) : null,
    };
  }

  checkTenant(identity: Identity, tenantId: string, path: string): void {
    if (identity.tenantId !== null && tenantId !== identity.tenantId) {
      throw new ProblemError(403, 'Forbidden', 'tenantId does not match your tenant.', [
        { path, message: 'must be your own tenant' },
      ]);
    }
  }

  /** Originals stay stored; roles without PII permission see masked numbers. */
  private present<T extends CallBody>(identity: Identity, call: T): T {
    if (canSeePii(identity)) return call;
    return {
      ...call,
      ...(call.customer
        ? {
            customer: {
              ...call.customer,
              ...(call.customer.phone ? { phone: maskPhone(call.customer.phone) } : {}),
            },
          }
        : {}),
      segments: call.segments.map((s) => ({ ...s, text: maskPii(s.text) })),
    };
  }
}

function encodeCursor(startedAt: Date, callId: string): string {
  return Buffer.from(JSON.stringify([startedAt.toISOString(), callId])).toString('base64url');
}

function decodeCursor(cursor: string): { startedAt: Date; callId: string } | null {
  try {
    const [at, callId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    const startedAt = new Date(at);
    return Number.isNaN(startedAt.getTime()) || typeof callId !== 'string'
      ? null
      : { startedAt, callId };
  } catch {
    return null;
  }
}
