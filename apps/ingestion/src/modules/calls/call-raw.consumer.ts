import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { MAX_CALL_RECORD_BYTES, Topics } from '@qa/contracts';
import {
  ChunkContext,
  ChunkItem,
  DecodeResult,
  EventOptions,
  PermanentConsumeError,
} from '@qa/messaging';
import { validateCallPayload } from './validation/full-validation';
import type { CallBody } from './calls.types';
import { TenantSettingsRepository } from '../tenants/tenant-settings.repository';
import { IngestCallsService } from './ingest-calls.service';
import { maskPii } from '@qa/pii';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A JSON call from the CTI/ASR pipeline, checked exactly like an HTTP call. The reason goes into
 * DLQ headers and the log, so it names fields, never values, and parser messages (which quote the
 * input) are masked.
 */
export function decodeRawCall(value: Buffer | null): DecodeResult<CallBody> {
  if (!value || value.length === 0) return { ok: false, reason: 'empty payload' };
  // The topic takes a little more (key and headers): the value is held to the HTTP body limit.
  if (value.length > MAX_CALL_RECORD_BYTES)
    return {
      ok: false,
      reason: `the record is ${value.length} bytes; a call may be at most ${MAX_CALL_RECORD_BYTES} bytes (5 MiB, as a POST /api/v1/calls body)`,
    };
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(value));
  } catch (err) {
    return { ok: false, reason: `not UTF-8 JSON: ${maskPii((err as Error).message)}` };
  }
  const v = validateCallPayload(parsed);
  if (!v.ok) {
    const fields = v.errors.map((e) => `${e.path || '(call)'}: ${e.message}`).join('; ');
    return { ok: false, reason: maskPii(`invalid call: ${fields}`) };
  }
  return { ok: true, value: v.body };
}

/**
 * qa.call.raw.v1 → calls, a chunk at a time: one insert per tenant and round; bad messages go to
 * qa.call.raw.v1.dlq with every field error.
 */
@Controller()
export class CallRawConsumer {
  private readonly logger = new Logger(CallRawConsumer.name);

  constructor(
    private readonly ingestion: IngestCallsService,
    private readonly tenants: TenantSettingsRepository,
  ) {}

  @EventPattern(Topics.CallRaw, {
    chunk: true,
    decode: decodeRawCall,
  } satisfies EventOptions<CallBody>)
  async handle(@Payload() items: ChunkItem<CallBody>[], @Ctx() ctx: ChunkContext): Promise<void> {
    const known = await this.tenants.known(ctx.manager, [
      ...new Set(items.map((i) => i.event.tenantId)),
    ]);
    for (const item of items) {
      const problems = envelopeProblems(item, known);
      // In a chunk this sends the host one by one; alone, to the DLQ with every reason.
      if (problems.length > 0) throw new PermanentConsumeError(maskPii(problems.join('; ')));
    }
    let accepted = 0;
    // A call sent twice within the chunk goes in a later round, where it is a duplicate (or a
    // conflict) of the first instead of a second insert of the same new call.
    for (const round of rounds(items)) {
      for (const [tenantId, group] of round) {
        const outcomes = await this.ingestion.ingestIn(
          ctx.manager,
          tenantId,
          group.map((i) => i.event),
          group.map((i) => i.meta.traceId || i.event.callId),
        );
        const conflict = outcomes.find((o) => o.status === 'conflict');
        // In a chunk this sends the host one by one; alone, to the DLQ with the reason.
        if (conflict) {
          throw new PermanentConsumeError(
            `call ${conflict.callId} was accepted before with a different body (differs in ${conflict.differingFields?.join(', ')})`,
          );
        }
        accepted += outcomes.filter((o) => o.status === 'accepted').length;
      }
    }
    this.logger.log(
      { partition: ctx.partition, events: items.length, accepted },
      'raw calls ingested',
    );
  }
}

/**
 * What HTTP refuses before the body is read, held against the record: a tenant nobody created
 * (403 over HTTP), a tenant-id header naming another tenant, a key that is not the call id (the
 * key orders a call's records; none at all is taken as the call id).
 */
export function envelopeProblems(item: ChunkItem<CallBody>, known: Set<string>): string[] {
  const { tenantId, callId } = item.event;
  const problems: string[] = [];
  if (!known.has(tenantId)) problems.push(`tenant ${tenantId} does not exist`);
  if (item.meta.tenantId && item.meta.tenantId !== tenantId)
    problems.push(
      `the tenant-id header (${item.meta.tenantId}) is not the call's tenant (${tenantId})`,
    );
  if (item.key !== null && item.key !== callId)
    problems.push(`the key (${item.key}) is not the call id (${callId})`);
  return problems;
}

/** Per round, each (tenant, callId) at most once, grouped by tenant, in arrival order. */
function rounds<T extends { event: CallBody }>(items: ReadonlyArray<T>): Map<string, T[]>[] {
  const out: Map<string, T[]>[] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const { tenantId, callId } = item.event;
    const key = `${tenantId}\u0000${callId}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    const round = (out[n] ??= new Map());
    const group = round.get(tenantId) ?? [];
    group.push(item);
    round.set(tenantId, group);
  }
  return out;
}
