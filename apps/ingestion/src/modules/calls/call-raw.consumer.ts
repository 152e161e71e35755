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

/** JSON calls from a CTI/ASR pipeline: bad ones go to qa.call.raw.v1.dlq with every field error. */
export function decodeRawCall(value: Buffer | null): DecodeResult<CallBody> {
  if (!value || value.length === 0) return { ok: false, reason: 'empty payload' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(value));
  } catch (err) {
    return { ok: false, reason: `not UTF-8 JSON: ${(err as Error).message}` };
  }
  const v = validateCallPayload(parsed);
  if (!v.ok)
    return {
      ok: false,
      reason: `invalid call: ${v.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    };
  return { ok: true, value: v.body };
}

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
        `call ${call.callId} was accepted before with a different body (${outcome.differingFields?.join(', ')})`,
      );
    }
  }
}
