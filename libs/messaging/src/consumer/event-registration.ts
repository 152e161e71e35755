import type { MessageHandler } from '@nestjs/microservices';
import { Codecs, eventSchemaProblems, EventTopic, maxEventBytes } from '@qa/contracts';
import { isObservable, lastValueFrom } from 'rxjs';
import { DecodeResult } from './consume-errors';
import { EventOptions } from './event-context';

/** A topic's handler as the host runs it. */
export interface Registration {
  decode(value: Buffer | null): DecodeResult<unknown>;
  /** Calls the handler; rejects with what it threw. */
  handle(payload: unknown, ctx: unknown): Promise<void>;
  chunk: boolean;
  /** Raw topics from outside may lack our headers; their id then comes from the record itself. */
  requireHeaders: boolean;
}

type Validate = (event: unknown) => string[];
const OPTIONS = new Set<string>(['chunk', 'validate', 'decode']);

/** The registration for an `@EventPattern(topic, options)` handler Nest gave the host. */
export function registrationOf(topic: string, handler: MessageHandler): Registration {
  if (handler.next) throw new Error(`a handler for ${topic} is already registered`);
  const opts = (handler.extras ?? {}) as EventOptions<unknown>;
  const unknown = Object.keys(opts).filter((k) => !OPTIONS.has(k));
  if (unknown.length) throw new Error(`${topic}: unknown event options ${unknown.join(', ')}`);
  const validate: Validate = opts.validate ?? (() => []);
  return {
    decode: opts.decode ? checked(opts.decode, validate) : protobufDecoder(topic, validate),
    handle: async (payload, ctx) => {
      // Nest's handler proxy answers with an Observable when the handler failed (see
      // connectEventTransport): its error is the one the handler threw.
      const out = await handler(payload, ctx);
      if (isObservable(out)) await lastValueFrom(out, { defaultValue: undefined });
    },
    chunk: opts.chunk ?? false,
    requireHeaders: !opts.decode,
  };
}

function protobufDecoder(
  topic: string,
  validate: Validate,
): (value: Buffer | null) => DecodeResult<unknown> {
  const codec = Codecs[topic as EventTopic];
  if (!codec) throw new Error(`${topic} is not a protobuf topic: give its handler a decode option`);
  const max = maxEventBytes(topic);
  // The topic's own contract first (ids, times), then what this consumer needs besides.
  const checks: Validate = (e) => [
    ...eventSchemaProblems(topic as EventTopic, e as never),
    ...validate(e),
  ];
  return (value) => {
    if (!value || value.length === 0) return { ok: false, reason: 'empty payload' };
    // Decoded whole, a padded record (unknown fields are skipped) would pass as its event.
    if (value.length > max)
      return {
        ok: false,
        reason: `too large: the record is ${value.length} bytes; ${topic} events may be at most ${max} bytes`,
      };
    let event: unknown;
    try {
      event = codec.decode(value);
    } catch (err) {
      return { ok: false, reason: `undecodable protobuf: ${(err as Error).message}` };
    }
    return validated(event, checks);
  };
}

function checked(
  decode: (value: Buffer | null) => DecodeResult<unknown>,
  validate: Validate,
): (value: Buffer | null) => DecodeResult<unknown> {
  return (value) => {
    const decoded = decode(value);
    return decoded.ok ? validated(decoded.value, validate) : decoded;
  };
}

function validated(event: unknown, validate: Validate): DecodeResult<unknown> {
  const problems = validate(event);
  return problems.length
    ? { ok: false, reason: `invalid: ${problems.join('; ')}` }
    : { ok: true, value: event };
}
