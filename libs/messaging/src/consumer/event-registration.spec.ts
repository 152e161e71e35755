import type { MessageHandler } from '@nestjs/microservices';
import { ComplaintOpened, TenantUpserted, Topics } from '@qa/contracts';
import { throwError } from 'rxjs';
import { registrationOf } from './event-registration';

/** A handler as Nest's ListenersController hands it to the transport. */
function nestHandler(
  fn: (payload: unknown, ctx: unknown) => Promise<unknown>,
  extras: Record<string, unknown> = {},
): MessageHandler {
  return Object.assign(fn, { extras, isEventHandler: true }) as unknown as MessageHandler;
}

const tenant = (over: Partial<TenantUpserted> = {}) =>
  Buffer.from(
    TenantUpserted.encode({
      tenantId: 't-1',
      name: 't',
      companyName: 'c',
      secondsPerRing: 3,
      timezone: 'Asia/Shanghai',
      ...over,
    }).finish(),
  );

describe(registrationOf.name, () => {
  it('decodes a protobuf topic and lists what validate finds as the dead-letter reason', () => {
    const reg = registrationOf(
      Topics.TenantUpserted,
      nestHandler(async () => undefined, {
        validate: (e: TenantUpserted) => (e.tenantId ? [] : ['tenantId is empty']),
      }),
    );
    expect(reg).toMatchObject({ chunk: false, requireHeaders: true });
    expect(reg.decode(tenant())).toMatchObject({ ok: true, value: { tenantId: 't-1' } });
    // The topic's own contract comes first, then the handler's validate.
    expect(reg.decode(tenant({ tenantId: '' }))).toEqual({
      ok: false,
      reason: 'invalid: tenantId is missing or invalid; tenantId is empty',
    });
    expect(reg.decode(null)).toEqual({ ok: false, reason: 'empty payload' });
  });

  it('refuses, before decoding, a record over the topic limit even when it decodes (padding)', () => {
    const reg = registrationOf(
      Topics.TenantUpserted,
      nestHandler(async () => undefined),
    );
    // Field 15, length-delimited: unknown to the schema, so decoding alone would skip it.
    const pad = (n: number) =>
      Buffer.concat([Buffer.from([0x7a, 0x80, 0x80, 0x10]), Buffer.alloc(n)]);
    expect(pad(262_144).length).toBe(262_148);
    const padded = Buffer.concat([tenant(), pad(262_144)]);
    expect(TenantUpserted.decode(padded).tenantId).toBe('t-1');
    expect(reg.decode(padded)).toEqual({
      ok: false,
      reason: `too large: the record is ${padded.length} bytes; qa.tenant.upserted.v1 events may be at most 262144 bytes`,
    });
    expect(reg.decode(tenant())).toMatchObject({ ok: true });
  });

  it('holds every consumer of a topic to its contract: an empty or impossible time is invalid', () => {
    const reg = registrationOf(
      Topics.ComplaintOpened,
      nestHandler(async () => undefined),
    );
    const opened = (openedAt: string) =>
      Buffer.from(
        ComplaintOpened.encode(
          ComplaintOpened.fromPartial({ ticketId: 'k-1', tenantId: 't-1', openedAt }),
        ).finish(),
      );
    expect(reg.decode(opened('2026-11-22T01:00:00.000Z'))).toMatchObject({ ok: true });
    for (const bad of ['', '2026-02-30T00:00:00Z', '1', '2026-11-22 01:00:00'])
      expect(reg.decode(opened(bad))).toEqual({
        ok: false,
        reason: 'invalid: openedAt is missing or invalid',
      });
  });

  it("takes an outside topic's own decoder, then validate, and does not require our headers", () => {
    const reg = registrationOf(
      'qa.outside.v1',
      nestHandler(async () => undefined, {
        chunk: true,
        decode: (v: Buffer | null) => ({ ok: true, value: v?.toString() ?? '' }),
        validate: (s: string) => (s === 'bad' ? ['bad text'] : []),
      }),
    );
    expect(reg).toMatchObject({ chunk: true, requireHeaders: false });
    expect(reg.decode(Buffer.from('ok'))).toEqual({ ok: true, value: 'ok' });
    expect(reg.decode(Buffer.from('bad'))).toEqual({ ok: false, reason: 'invalid: bad text' });
  });

  it('refuses at start-up a topic without a codec or decoder, unknown options and a second handler', () => {
    expect(() =>
      registrationOf(
        'qa.outside.v1',
        nestHandler(async () => undefined),
      ),
    ).toThrow('qa.outside.v1 is not a protobuf topic: give its handler a decode option');
    expect(() =>
      registrationOf(
        Topics.TenantUpserted,
        nestHandler(async () => undefined, { chunks: true }),
      ),
    ).toThrow('qa.tenant.upserted.v1: unknown event options chunks');
    const first = nestHandler(async () => undefined);
    first.next = nestHandler(async () => undefined);
    expect(() => registrationOf(Topics.TenantUpserted, first)).toThrow(
      'a handler for qa.tenant.upserted.v1 is already registered',
    );
  });

  it("rejects with the handler's own error, also when Nest answers with an error Observable", async () => {
    const outage = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const thrown = registrationOf(
      Topics.TenantUpserted,
      nestHandler(() => Promise.reject(outage)),
    );
    await expect(thrown.handle({}, {})).rejects.toBe(outage);
    const observed = registrationOf(
      Topics.TenantUpserted,
      nestHandler(async () => throwError(() => outage)),
    );
    await expect(observed.handle({}, {})).rejects.toBe(outage);
    const ok = registrationOf(
      Topics.TenantUpserted,
      nestHandler(async () => undefined),
    );
    await expect(ok.handle({}, {})).resolves.toBeUndefined();
  });
});
