import { Injectable } from '@nestjs/common';
import { isISO8601 } from 'class-validator';
import {
  canSeePii,
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  Identity,
  pageOf,
  tenantOf,
} from '@qa/platform';
import { MAX_BATCH, ParsedItem } from './validation/batch-parsing';
import { BatchItemResult, screenBatch } from './validation/batch-screening';
import { validateCallPayload } from './validation/full-validation';
import { CallError } from './calls.errors';
import { toCallResponse } from './calls.mapper';
import { CallsRepository } from './calls.repository';
import type { BatchResultResponseDto } from './dto/batch-result.response.dto';
import type { CallAcceptedResponseDto } from './dto/call-accepted.response.dto';
import type { CallPageResponseDto, CallResponseDto } from './dto/call.response.dto';
import type { ListCallsRequestDto } from './dto/list-calls.request.dto';
import { ID_PATTERN, RFC3339 } from './dto/text-rules';
import { IngestCallsService } from './ingest-calls.service';

@Injectable()
export class CallsService {
  constructor(
    private readonly calls: CallsRepository,
    private readonly ingestion: IngestCallsService,
  ) {}

  /** One call: accepted (201), the same call again (200), or a 409 naming what differs. */
  async ingestOne(
    identity: Identity,
    raw: unknown,
    traceId: string,
  ): Promise<CallAcceptedResponseDto> {
    const v = validateCallPayload(raw);
    if (!v.ok) throw CallError.invalid('One or more fields are invalid.', v.errors);
    if (identity.tenantId !== null && v.body.tenantId !== identity.tenantId)
      throw CallError.wrongTenant();
    const outcome = await this.ingestion.ingestSingle(v.body.tenantId, v.body, traceId);
    if (outcome.status === 'conflict')
      throw CallError.conflict(outcome.callId, outcome.differingFields ?? []);
    return { callId: outcome.callId, status: outcome.status };
  }

  /** Up to 10,000 calls; valid ones are stored even when others are rejected. */
  async ingestBatch(
    identity: Identity,
    items: ParsedItem[],
    traceId: string,
  ): Promise<BatchResultResponseDto> {
    if (items.length === 0) throw CallError.batchEmpty();
    if (items.length > MAX_BATCH) throw CallError.batchTooLarge(MAX_BATCH, items.length);
    return this.ingestItems(identity, items, traceId);
  }

  /** Any number of items (CDR imports); stored MAX_BATCH at a time. */
  async ingestItems(
    identity: Identity,
    items: ParsedItem[],
    traceId: string,
  ): Promise<BatchResultResponseDto> {
    // The platform admin, of no tenant, ingests for any; everyone else for their own.
    if (identity.role !== 'platform_admin') tenantOf(identity);
    const results: BatchItemResult[] = [];
    for (let from = 0; from < items.length; from += MAX_BATCH) {
      const slice = items.slice(from, from + MAX_BATCH);
      const { rejected, byTenant } = screenBatch(slice, identity.tenantId);
      for (const r of rejected) results.push({ ...r, index: r.index + from });
      for (const [tenantId, valid] of byTenant) {
        const outcomes = await this.ingestion.ingest(
          tenantId,
          valid.map((v) => v.body),
          traceId,
        );
        outcomes.forEach((o, i) => {
          const index = valid[i].index + from;
          if (o.status !== 'conflict') {
            results.push({ index, callId: o.callId, status: o.status });
            return;
          }
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
        });
      }
    }
    results.sort((a, b) => a.index - b.index);
    const withLines = results.map((r) =>
      items[r.index].line !== undefined ? { ...r, line: items[r.index].line } : r,
    );
    const count = (s: BatchItemResult['status']) => results.filter((r) => r.status === s).length;
    return {
      accepted: count('accepted'),
      duplicate: count('duplicate'),
      rejected: count('rejected'),
      results: withLines,
    };
  }

  async get(identity: Identity, callId: string): Promise<CallResponseDto> {
    const tenantId = tenantOf(identity);
    if (!ID_PATTERN.test(callId)) throw CallError.notFound(callId.slice(0, 128));
    const call = await this.calls.findOne(tenantId, callId);
    // Another agent's call is "not found", not "forbidden": its existence is not theirs to know.
    if (!call || (identity.role === 'agent' && call.agentId !== identity.agentId))
      throw CallError.notFound(callId);
    return toCallResponse(call, canSeePii(identity));
  }

  /** Newest first; agents see only their own calls, whatever agentId they ask for. */
  async list(identity: Identity, q: ListCallsRequestDto): Promise<CallPageResponseDto> {
    const tenantId = tenantOf(identity);
    const after = q.cursor ? callsCursor(q.cursor) : undefined;
    if (after === null) throw CallError.badCursor();
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    if (identity.role === 'agent' && !identity.agentId) return { items: [], nextCursor: null };
    const rows = await this.calls.list({
      tenantId,
      agentId: identity.role === 'agent' ? identity.agentId : q.agentId,
      teamId: q.teamId,
      from: q.from,
      to: q.to,
      after,
      limit: limit + 1,
    });
    const { page, nextCursor } = pageOf(rows, limit, (c) => [c.body.startedAt, c.callId]);
    const pii = canSeePii(identity);
    return { items: page.map((c) => toCallResponse(c, pii)), nextCursor };
  }
}

/** The cursor carries startedAt exactly as sent, so no precision is lost between pages. */
function callsCursor(cursor: string): { startedAt: string; callId: string } | null {
  const [startedAt, callId] = decodeCursor(cursor, 2) ?? [];
  if (typeof startedAt !== 'string' || typeof callId !== 'string') return null;
  // Only what this service hands out: a real date (not 02-31) and an id it accepts.
  return RFC3339.test(startedAt) &&
    isISO8601(startedAt, { strict: true, strictSeparator: true }) &&
    ID_PATTERN.test(callId)
    ? { startedAt, callId }
    : null;
}
