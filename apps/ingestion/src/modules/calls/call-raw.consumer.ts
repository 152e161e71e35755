import { Injectable, OnModuleInit } from '@nestjs/common';
import { Topics } from '@qa/contracts';
import {
  ConsumeContext,
  DecodeResult,
  EventConsumerHost,
  PermanentConsumeError,
} from '@qa/messaging';
import { validateCallPayload } from './call-validation';
import type { CallBody } from './calls.types';
import { IngestCallsService } from './ingest-calls.service';
import { maskPii } from './pii-masker';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A JSON call from the CTI/ASR pipeline, checked exactly like an HTTP call. The reason goes into
 * DLQ headers and the log, so it names fields, never values, and parser messages (which quote the
 * input) are masked.
 */
export function decodeRawCall(value: Buffer | null): DecodeResult<CallBody> {
  if (!value || value.length === 0) return { ok: false, reason: 'empty payload' };
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

/** qa.call.raw.v1 → calls; bad messages go to qa.call.raw.v1.dlq with every field error. */
@Injectable()
export class CallRawConsumer implements OnModuleInit {
  constructor(
    private readonly host: EventConsumerHost,
    private readonly ingestion: IngestCallsService,
  ) {}

  onModuleInit(): void {
    this.host.onRaw(Topics.CallRaw, decodeRawCall, (call, ctx) => this.handle(call, ctx));
  }

  async handle(call: CallBody, ctx: ConsumeContext): Promise<void> {
    const [outcome] = await this.ingestion.ingestIn(
      ctx.manager,
      call.tenantId,
      [call],
      ctx.meta.traceId || call.callId,
    );
    if (outcome.status === 'conflict') {
      throw new PermanentConsumeError(
        `call ${call.callId} was accepted before with a different body (differs in ${outcome.differingFields?.join(', ')})`,
      );
    }
  }
}
