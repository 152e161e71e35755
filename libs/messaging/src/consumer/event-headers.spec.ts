import { EventHeader } from '@qa/contracts';
import { headerText, rawEventMeta, readEventMeta } from './event-headers';

const ID = '6f1d1c1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f';

describe(readEventMeta.name, () => {
  const headers = (over: Record<string, string | Buffer | undefined> = {}) => ({
    [EventHeader.EventId]: Buffer.from(ID),
    [EventHeader.EventType]: Buffer.from('qa.call.ingested.v1'),
    [EventHeader.SchemaVersion]: '1',
    [EventHeader.OccurredAt]: '2026-11-22T01:00:00Z',
    [EventHeader.TenantId]: 'acme',
    [EventHeader.TraceId]: 'trace-1',
    ...over,
  });

  it('reads every standard header from buffers or strings', () => {
    expect(readEventMeta(headers(), 'qa.call.ingested.v1')).toEqual({
      eventId: ID,
      eventType: 'qa.call.ingested.v1',
      schemaVersion: '1',
      occurredAt: '2026-11-22T01:00:00Z',
      tenantId: 'acme',
      traceId: 'trace-1',
    });
  });

  it('takes the W3C traceparent over the old trace-id label, and the label when it is missing or bad', () => {
    const parent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const meta = (over: Record<string, string>) =>
      readEventMeta(headers(over), 'qa.call.ingested.v1') as { traceId: string };
    expect(meta({ [EventHeader.Traceparent]: parent }).traceId).toBe(parent);
    expect(meta({ [EventHeader.Traceparent]: '00-zz-b7ad6b7169203331-01' }).traceId).toBe(
      'trace-1',
    );
    expect(meta({}).traceId).toBe('trace-1');
  });

  it('rejects a missing or malformed event id', () => {
    expect(
      readEventMeta(headers({ [EventHeader.EventId]: undefined }), 'qa.call.ingested.v1'),
    ).toMatch(/event-id/);
    expect(
      readEventMeta(headers({ [EventHeader.EventId]: 'not-a-uuid' }), 'qa.call.ingested.v1'),
    ).toMatch(/event-id/);
  });

  it('rejects an event type that does not match the topic', () => {
    expect(readEventMeta(headers(), 'qa.evaluation.scored.v1')).toMatch(/does not match/);
  });

  it('rejects a missing, empty or malformed occurred-at (consumers store it as a time)', () => {
    for (const bad of [undefined, '', 'yesterday', '2026-11-31T00:00:00Z'])
      expect(readEventMeta(headers({ [EventHeader.OccurredAt]: bad }), 'qa.call.ingested.v1')).toBe(
        'missing or invalid occurred-at header',
      );
  });

  it('treats a missing event type as the topic', () => {
    const meta = readEventMeta(
      headers({ [EventHeader.EventType]: undefined }),
      'qa.call.ingested.v1',
    );
    expect(typeof meta === 'object' && meta.eventType).toBe('qa.call.ingested.v1');
  });
});

describe(headerText.name, () => {
  it('takes the first value of a repeated header', () => {
    expect(headerText({ a: [Buffer.from('x'), 'y'] }, 'a')).toBe('x');
    expect(headerText(undefined, 'a')).toBeUndefined();
  });
});

describe(rawEventMeta.name, () => {
  const record = (offset: string, timestamp: string, value: string | null) => ({
    offset,
    timestamp,
    value: value === null ? null : Buffer.from(value),
  });
  const id = (r: ReturnType<typeof record>) => rawEventMeta('qa.call.raw.v1', 2, r).eventId;

  it('gives a redelivered record the same id', () => {
    expect(id(record('7', '1795430388597', '{"a":1}'))).toBe(
      id(record('7', '1795430388597', '{"a":1}')),
    );
  });

  it('tells apart a new record at a position a rebuilt broker has used before', () => {
    const before = id(record('7', '1795430388597', '{"a":1}'));
    expect(id(record('7', '1795430999999', '{"a":1}'))).not.toBe(before);
    expect(id(record('7', '1795430388597', '{"a":2}'))).not.toBe(before);
    expect(id(record('8', '1795430388597', '{"a":1}'))).not.toBe(before);
  });

  it('never throws on odd records', () => {
    const meta = rawEventMeta('t', 0, record('0', 'not a time', null));
    expect(meta).toMatchObject({ eventType: 't', occurredAt: '', tenantId: '' });
    expect(meta.eventId).toMatch(/^t\/0\/0\/not a time\/[0-9a-f]{16}$/);
  });
});
