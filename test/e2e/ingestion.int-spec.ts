import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Codecs, dlqTopic, DlqHeader, EventHeader, Topics } from '@qa/contracts';
import { rawEventMeta } from '@qa/messaging';
import { createService } from '@qa/platform';
import {
  asIdentity,
  sampleCall,
  sleep,
  startKafkaProbe,
  TopicRecorder,
  waitFor,
} from '@qa/testing';
import { Kafka, Producer } from 'kafkajs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';

type Call = Record<string, unknown>;
/** A mutation gives an object, or raw JSON text for what JSON.stringify cannot express. */
type BadInput = [name: string, mutate: (c: Call) => Call | string, path: string];

/** Ingestion against the real Postgres and Kafka: validation, batches, idempotency, PII, raw topic. */

describe('ingestion', () => {
  const tenantId = `i-${randomUUID().slice(0, 8)}`;
  const qa = asIdentity({ tenantId, role: 'qa' });
  const lead = asIdentity({ tenantId, role: 'lead' });
  let app: INestApplication;
  let db: DataSource;
  let kafka: Kafka;
  let producer: Producer;
  let recorder: TopicRecorder;
  const http = () => request(app.getHttpServer());

  const valid = (callId = `c-${randomUUID()}`): Call =>
    sampleCall({
      callId,
      tenantId,
      agentId: 'a-1001',
      teamId: 't-01',
      customer: { phone: '13800138000', id: 'u-77' },
      segments: [
        {
          speaker: 'agent',
          startMs: 0,
          endMs: 2800,
          text: '您好,示例公司,工号1001,很高兴为您服务',
        },
        {
          speaker: 'customer',
          startMs: 3000,
          endMs: 9000,
          text: '我的手机号13912345678,身份证110101199003071234',
        },
      ],
    });
  const count = async (sql: string, params: unknown[]) =>
    ((await db.query(sql, params)) as { n: number }[])[0].n;
  const storedCount = (callIds: string | string[]) =>
    count(
      'SELECT count(*)::int AS n FROM ingestion.calls WHERE tenant_id = $1 AND call_id = ANY($2)',
      [tenantId, ([] as string[]).concat(callIds)],
    );
  const outboxCount = (callIds: string | string[]) =>
    count('SELECT count(*)::int AS n FROM ingestion.outbox WHERE key = ANY($1)', [
      ([] as string[]).concat(callIds),
    ]);
  const post = (body: unknown, identity = qa) =>
    typeof body === 'string'
      ? http()
          .post('/api/v1/calls')
          .use(identity)
          .set('content-type', 'application/json')
          .send(body)
      : http()
          .post('/api/v1/calls')
          .use(identity)
          .send(body as object);
  const postBatch = (items: unknown[], identity = qa) =>
    http().post('/api/v1/calls/batch').use(identity).send(items);

  beforeAll(async () => {
    app = await createService(AppModule, ingestionServiceOptions);
    await app.listen(0);
    db = app.get(DataSource);
    ({ kafka, producer, recorder } = await startKafkaProbe('ingestion-test', [
      Topics.CallIngested,
      dlqTopic(Topics.CallRaw),
    ]));
  });

  afterAll(async () => {
    await recorder?.stop();
    await producer?.disconnect();
    await app?.close();
  });

  const seg = (over: Record<string, unknown>) => ({
    speaker: 'agent',
    startMs: 0,
    endMs: 1000,
    text: '您好',
    ...over,
  });
  const withKeyFirst = (c: Call, key: string, value: string) =>
    `{"${key}":${value},${JSON.stringify(c).slice(1)}`;
  let deep = '1';
  for (let i = 0; i < 20_000; i++) deep = `[${deep}]`;

  const badInputs: BadInput[] = [
    ['callId missing', (c) => ({ ...c, callId: undefined }), 'callId'],
    ['callId a number', (c) => ({ ...c, callId: 42 }), 'callId'],
    ['callId with spaces', (c) => ({ ...c, callId: 'a b' }), 'callId'],
    ['callId too long', (c) => ({ ...c, callId: 'x'.repeat(200) }), 'callId'],
    ['callId with a slash', (c) => ({ ...c, callId: 'a/../b' }), 'callId'],
    ['callId with an emoji', (c) => ({ ...c, callId: 'c-😀' }), 'callId'],
    ['tenantId missing', (c) => ({ ...c, tenantId: undefined }), 'tenantId'],
    ['direction unknown', (c) => ({ ...c, direction: 'sideways' }), 'direction'],
    ['direction null', (c) => ({ ...c, direction: null }), 'direction'],
    ['direction in upper case', (c) => ({ ...c, direction: 'INBOUND' }), 'direction'],
    ['purpose unknown', (c) => ({ ...c, purpose: 'sales' }), 'purpose'],
    ['agentId empty', (c) => ({ ...c, agentId: '' }), 'agentId'],
    ['teamId an object', (c) => ({ ...c, teamId: { a: 1 } }), 'teamId'],
    ['startedAt not a date', (c) => ({ ...c, startedAt: 'yesterday' }), 'startedAt'],
    ['startedAt a number', (c) => ({ ...c, startedAt: 1732237200000 }), 'startedAt'],
    [
      'startedAt without an offset',
      (c) => ({ ...c, startedAt: '2026-11-22T09:00:00' }),
      'startedAt',
    ],
    ['startedAt a date only', (c) => ({ ...c, startedAt: '2026-11-22' }), 'startedAt'],
    [
      'startedAt an impossible date',
      (c) => ({ ...c, startedAt: '2026-02-30T09:00:00+08:00' }),
      'startedAt',
    ],
    ['startedAt in 1970', (c) => ({ ...c, startedAt: '1970-01-01T00:00:00Z' }), 'startedAt'],
    ['endedAt missing', (c) => ({ ...c, endedAt: undefined }), 'endedAt'],
    ['endedAt in the year 9999', (c) => ({ ...c, endedAt: '9999-12-31T23:59:59Z' }), 'endedAt'],
    ['answeredAt missing', (c) => ({ ...c, answeredAt: undefined }), 'answeredAt'],
    ['answeredAt an empty string', (c) => ({ ...c, answeredAt: '' }), 'answeredAt'],
    [
      'answeredAt before startedAt',
      (c) => ({ ...c, answeredAt: '2026-11-22T08:59:00+08:00' }),
      'answeredAt',
    ],
    [
      'endedAt before answeredAt',
      (c) => ({ ...c, endedAt: '2026-11-22T09:00:05+08:00' }),
      'endedAt',
    ],
    ['call longer than a day', (c) => ({ ...c, endedAt: '2026-11-24T09:00:00+08:00' }), 'endedAt'],
    ['abandoned call with a transcript', (c) => ({ ...c, answeredAt: null }), 'segments'],
    ['ringCount negative', (c) => ({ ...c, ringCount: -1 }), 'ringCount'],
    ['ringCount fractional', (c) => ({ ...c, ringCount: 2.5 }), 'ringCount'],
    ['ringCount absurd', (c) => ({ ...c, ringCount: 101 }), 'ringCount'],
    ['hangupBy unknown', (c) => ({ ...c, hangupBy: 'nobody' }), 'hangupBy'],
    ['csat out of range', (c) => ({ ...c, csat: 6 }), 'csat'],
    ['csat zero', (c) => ({ ...c, csat: 0 }), 'csat'],
    ['csat a string', (c) => ({ ...c, csat: 'five' }), 'csat'],
    ['unknown top-level field', (c) => ({ ...c, priority: 'high' }), 'priority'],
    ['a "constructor" field', (c) => ({ ...c, constructor: { name: 'x' } }), 'constructor'],
    ['a "__proto__" field', (c) => withKeyFirst(c, '__proto__', '{"isAdmin":true}'), '__proto__'],
    [
      'unknown segment field',
      (c) => ({ ...c, segments: [seg({ emotion: 'angry' })] }),
      'segments.0.emotion',
    ],
    [
      'unknown customer field',
      (c) => ({ ...c, customer: { phone: '13800138000', vip: true } }),
      'customer.vip',
    ],
    ['segments not an array', (c) => ({ ...c, segments: 'hello' }), 'segments'],
    ['segments missing', (c) => ({ ...c, segments: undefined }), 'segments'],
    ['a segment that is null', (c) => ({ ...c, segments: [null] }), 'segments.0'],
    [
      'segments nested 20,000 deep',
      (c) => withKeyFirst({ ...c, segments: undefined }, 'segments', deep),
      'segments',
    ],
    [
      'segment speaker unknown',
      (c) => ({ ...c, segments: [seg({ speaker: 'robot' })] }),
      'segments.0.speaker',
    ],
    [
      'segment text missing',
      (c) => ({ ...c, segments: [seg({ text: undefined })] }),
      'segments.0.text',
    ],
    [
      'segment negative start',
      (c) => ({ ...c, segments: [seg({ startMs: -5 })] }),
      'segments.0.startMs',
    ],
    [
      'segment start a string',
      (c) => ({ ...c, segments: [seg({ startMs: '0' })] }),
      'segments.0.startMs',
    ],
    [
      'segment end before start',
      (c) => ({ ...c, segments: [seg({ startMs: 5000, endMs: 1000 })] }),
      'segments.0.endMs',
    ],
    [
      'segments out of order',
      (c) => ({
        ...c,
        segments: [seg({ startMs: 5000, endMs: 6000 }), seg({ startMs: 1000, endMs: 2000 })],
      }),
      'segments.1.startMs',
    ],
    [
      'segment after the call ended',
      (c) => ({ ...c, segments: [seg({ startMs: 0, endMs: 9_000_000 })] }),
      'segments.0.endMs',
    ],
    [
      'segment text not a string',
      (c) => ({ ...c, segments: [seg({ text: 12 })] }),
      'segments.0.text',
    ],
    [
      'segment text huge',
      (c) => ({ ...c, segments: [seg({ text: '长'.repeat(6000) })] }),
      'segments.0.text',
    ],
    [
      'segment text with a NUL',
      (c) => ({ ...c, segments: [seg({ text: 'bad\u0000text' })] }),
      'segments.0.text',
    ],
    [
      'segment text with an escape sequence',
      (c) => ({ ...c, segments: [seg({ text: 'x\u001b[31m' })] }),
      'segments.0.text',
    ],
    [
      'segment text with a lone surrogate',
      (c) => ({ ...c, segments: [seg({ text: 'a\ud800b' })] }),
      'segments.0.text',
    ],
    [
      'too many segments',
      (c) => ({
        ...c,
        segments: Array.from({ length: 2001 }, (_, i) => seg({ startMs: i, endMs: i })),
      }),
      'segments',
    ],
    [
      'customer phone not a number',
      (c) => ({ ...c, customer: { phone: 'call me' } }),
      'customer.phone',
    ],
    [
      'customer phone huge',
      (c) => ({ ...c, customer: { phone: '1'.repeat(40) } }),
      'customer.phone',
    ],
    ['customer id with a NUL', (c) => ({ ...c, customer: { id: 'u\u0000' } }), 'customer.id'],
    ['customer not an object', (c) => ({ ...c, customer: 'u-1' }), 'customer'],
    ['recordingUrl huge', (c) => ({ ...c, recordingUrl: 'x'.repeat(3000) }), 'recordingUrl'],
    [
      'recordingUrl with a control character',
      (c) => ({ ...c, recordingUrl: 'file:///r\u0007.wav' }),
      'recordingUrl',
    ],
    ['relatedCallIds not strings', (c) => ({ ...c, relatedCallIds: [1, 2] }), 'relatedCallIds'],
    [
      'relatedCallIds too many',
      (c) => ({ ...c, relatedCallIds: Array.from({ length: 101 }, (_, i) => `c-${i}`) }),
      'relatedCallIds',
    ],
  ];

  it('tries at least 40 kinds of bad input', () => {
    expect(badInputs.length).toBeGreaterThanOrEqual(60);
  });

  it.each(badInputs)(
    'refuses %s with 400 problem+json naming the field, and stores nothing',
    async (_name, mutate, path) => {
      const base = valid();
      const res = await post(mutate(base));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      for (const e of res.body.errors) expect(e.message).toEqual(expect.any(String));
      expect(await storedCount(base.callId as string)).toBe(0);
    },
  );

  it('rejects each of the bad inputs inside one JSON batch, and stores only the valid item', async () => {
    const bases = badInputs.map(() => valid());
    const good = valid();
    const texts = badInputs.map(([, mutate], i) => {
      const m = mutate(bases[i]);
      return typeof m === 'string' ? m : JSON.stringify(m);
    });
    const res = await http()
      .post('/api/v1/calls/batch')
      .use(qa)
      .set('content-type', 'application/json')
      .send(`[${[...texts, JSON.stringify(good)].join(',')}]`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 1, duplicate: 0, rejected: badInputs.length });
    badInputs.forEach(([name, , path], i) => {
      const r = res.body.results[i];
      expect({ name, index: r.index, status: r.status }).toEqual({
        name,
        index: i,
        status: 'rejected',
      });
      expect({ name, paths: r.errors.map((e: { path: string }) => e.path) }).toEqual({
        name,
        paths: expect.arrayContaining([path]),
      });
    });
    expect(await storedCount(bases.map((b) => b.callId as string))).toBe(0);
    expect(await outboxCount(bases.map((b) => b.callId as string))).toBe(0);
    expect(await storedCount(good.callId as string)).toBe(1);
  });

  it.each<[string, () => request.Test, number]>([
    ['malformed JSON', () => post('{"callId": '), 400],
    ['a JSON array to the single-call path', () => post([valid()]), 400],
    ['a JSON string body', () => post('"a call"'), 400],
    ['an empty JSON object', () => post({}), 400],
    ['no body at all', () => http().post('/api/v1/calls').use(qa), 400],
    [
      'text/plain',
      () =>
        http()
          .post('/api/v1/calls')
          .use(qa)
          .set('content-type', 'text/plain')
          .send(JSON.stringify(valid())),
      415,
    ],
    [
      'a latin1 charset',
      () =>
        http()
          .post('/api/v1/calls')
          .use(qa)
          .set('content-type', 'application/json; charset=latin1')
          .send(JSON.stringify(valid())),
      415,
    ],
    [
      'invalid UTF-8 in a JSON body',
      () => {
        const bytes = Buffer.from(JSON.stringify(valid()).replace('您好', 'XX'));
        const at = bytes.indexOf('XX');
        bytes[at] = 0xff;
        bytes[at + 1] = 0xfe;
        return http()
          .post('/api/v1/calls')
          .use(qa)
          .set('content-type', 'application/json')
          .send(bytes);
      },
      400,
    ],
    [
      'a batch that is an object',
      () => http().post('/api/v1/calls/batch').use(qa).send({ calls: [] }),
      400,
    ],
    ['an empty batch', () => postBatch([]), 400],
    [
      'an empty NDJSON batch',
      () =>
        http()
          .post('/api/v1/calls/batch')
          .use(qa)
          .set('content-type', 'application/x-ndjson')
          .send('\n\n'),
      400,
    ],
    [
      'a batch as text/csv',
      () => http().post('/api/v1/calls/batch').use(qa).set('content-type', 'text/csv').send('a,b'),
      415,
    ],
    ['a call of another tenant', () => post({ ...valid(), tenantId: 'someone-else' }), 403],
    [
      'an agent posting a call',
      () => post(valid(), asIdentity({ tenantId, role: 'agent', agentId: 'a-1001' })),
      403,
    ],
    ['ops posting a batch', () => postBatch([valid()], asIdentity({ tenantId, role: 'ops' })), 403],
    ['no identity', () => http().post('/api/v1/calls').send(valid()), 401],
    [
      'a list with an unknown parameter',
      () => http().get('/api/v1/calls').query({ sort: 'asc' }).use(qa),
      400,
    ],
    ['a list with limit 0', () => http().get('/api/v1/calls').query({ limit: 0 }).use(qa), 400],
    [
      'a list with a forged cursor',
      () =>
        http()
          .get('/api/v1/calls')
          .query({ cursor: Buffer.from('["x","y"]').toString('base64url') })
          .use(qa),
      400,
    ],
    [
      'a list with from not a date',
      () => http().get('/api/v1/calls').query({ from: 'monday' }).use(qa),
      400,
    ],
    [
      'a list with a NUL in agentId',
      () => http().get('/api/v1/calls').query({ agentId: 'a\u0000' }).use(qa),
      400,
    ],
    [
      'a list with an ISO week date',
      () => http().get('/api/v1/calls').query({ from: '2026-W47-1' }).use(qa),
      400,
    ],
    ['a call id with a NUL in the path', () => http().get('/api/v1/calls/a%00b').use(qa), 404],
    ['a call that does not exist', () => http().get('/api/v1/calls/c-none').use(qa), 404],
  ])('answers %s with a clear %i problem+json', async (_name, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.detail).toEqual(expect.any(String));
  });

  it('answers an 11 MB call and a 65 MB batch with 413 problem+json, storing nothing', async () => {
    const huge = valid();
    huge.segments = [seg({ text: 'x'.repeat(11 * 1024 * 1024) })];
    const tooBig = await post(huge);
    expect(tooBig.status).toBe(413);
    expect(tooBig.headers['content-type']).toContain('application/problem+json');
    const hugeBatch: Call[] = [
      { ...valid(), segments: [seg({ text: 'y'.repeat(65 * 1024 * 1024) })] },
    ];
    const batch = await postBatch(hugeBatch);
    expect(batch.status).toBe(413);
    expect(batch.headers['content-type']).toContain('application/problem+json');
    expect(await storedCount([huge.callId as string, hugeBatch[0].callId as string])).toBe(0);
  });

  it('refuses a batch over 10,000 calls with 413', async () => {
    const res = await http()
      .post('/api/v1/calls/batch')
      .use(qa)
      .set('content-type', 'application/x-ndjson')
      .send(Buffer.from('{}\n'.repeat(10_001)));
    expect(res.status).toBe(413);
    expect(res.body.detail).toContain('10000');
  });

  it('accepts the same call again without a second event, and names what differs on a 409', async () => {
    const body = valid();
    expect((await post(body)).status).toBe(201);
    // Same call, other key order and explicit nulls for absent optional fields.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await post({ ...reordered, csat: null, ringCount: null });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ callId: body.callId, status: 'duplicate' });
    const changed = await post({ ...body, csat: 4, segments: [seg({})] });
    expect(changed.status).toBe(409);
    expect(changed.headers['content-type']).toContain('application/problem+json');
    expect(changed.body).toMatchObject({
      code: 'CALL_CONFLICT',
      differingFields: ['csat', 'segments'],
    });
    expect(changed.body.detail).toContain('csat, segments');
    expect(await outboxCount(body.callId as string)).toBe(1);
    await waitFor(
      'the event on the wire',
      () => recorder.withKey(Topics.CallIngested, body.callId as string).length === 1,
    );
    await sleep(500);
    expect(recorder.withKey(Topics.CallIngested, body.callId as string)).toHaveLength(1);
    const stored = await http().get(`/api/v1/calls/${body.callId}`).use(lead);
    expect(stored.body.csat).toBeUndefined();
  });

  it('stores one call and publishes one event when the same call is posted 20 times at once', async () => {
    const body = valid();
    const statuses = (await Promise.all(Array.from({ length: 20 }, () => post(body))))
      .map((r) => r.status)
      .sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(await storedCount(body.callId as string)).toBe(1);
    expect(await outboxCount(body.callId as string)).toBe(1);
    await waitFor(
      'the event on the wire',
      () => recorder.withKey(Topics.CallIngested, body.callId as string).length === 1,
    );
    await sleep(1000);
    expect(recorder.withKey(Topics.CallIngested, body.callId as string)).toHaveLength(1);
  });

  it('stores each call once when overlapping batches arrive at the same time', async () => {
    const calls = Array.from({ length: 60 }, () => valid());
    const ids = calls.map((c) => c.callId as string);
    // Five batches, each the same 60 calls in a different order.
    const orders = Array.from({ length: 5 }, (_, k) =>
      [...calls].sort(
        (a, b) => ((a.callId as string) > (b.callId as string) ? 1 : -1) * (k % 2 ? 1 : -1),
      ),
    );
    const answers = await Promise.all(orders.map((o) => postBatch(o)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.reduce((n, a) => n + a.body.accepted, 0)).toBe(60);
    expect(answers.reduce((n, a) => n + a.body.duplicate, 0)).toBe(240);
    expect(await storedCount(ids)).toBe(60);
    expect(await outboxCount(ids)).toBe(60);
    await waitFor('all events on the wire', () =>
      ids.every((id) => recorder.withKey(Topics.CallIngested, id).length === 1),
    );
  });

  it('takes a JSON-array batch: valid items accepted, bad ones and in-batch duplicates rejected per item', async () => {
    const a = valid();
    const b = valid();
    const bad: Call = { ...valid(), direction: 'up' };
    const other: Call = { ...valid(), tenantId: 'someone-else' };
    const res = await postBatch([a, bad, b, { ...b, csat: 5 }, other]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, duplicate: 0, rejected: 3 });
    expect(res.body.results).toEqual([
      { index: 0, callId: a.callId, status: 'accepted' },
      {
        index: 1,
        callId: bad.callId,
        status: 'rejected',
        errors: [expect.objectContaining({ path: 'direction' })],
      },
      { index: 2, callId: b.callId, status: 'accepted' },
      {
        index: 3,
        callId: b.callId,
        status: 'rejected',
        errors: [{ path: 'callId', message: 'appears earlier in this batch' }],
      },
      {
        index: 4,
        callId: other.callId,
        status: 'rejected',
        errors: [{ path: 'tenantId', message: 'must be your own tenant' }],
      },
    ]);
    expect(await storedCount([a.callId as string, b.callId as string])).toBe(2);
    expect(await storedCount([bad.callId as string, other.callId as string])).toBe(0);
    const stored = await http().get(`/api/v1/calls/${b.callId}`).use(lead);
    expect(stored.body.csat).toBeUndefined();
    const again = await postBatch([a, { ...b, hangupBy: 'agent' }]);
    expect(again.body).toMatchObject({ accepted: 0, duplicate: 1, rejected: 1 });
    expect(again.body.results[1].errors[0].message).toContain('hangupBy');
  });

  it('takes NDJSON with a bad UTF-8 line and a broken JSON line, keeping the good lines', async () => {
    const a = valid();
    const b = valid();
    const body = Buffer.concat([
      Buffer.from(JSON.stringify(a) + '\r\n'),
      Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]),
      Buffer.from('\n{"callId": "13800138000\n'),
      Buffer.from(JSON.stringify(b)),
    ]);
    const res = await http()
      .post('/api/v1/calls/batch')
      .use(qa)
      .set('content-type', 'application/x-ndjson')
      .send(body);
    expect(res.status).toBe(200);
    expect(
      res.body.results.map((r: { status: string; line: number }) => [r.line, r.status]),
    ).toEqual([
      [1, 'accepted'],
      [2, 'rejected'],
      [4, 'rejected'],
      [5, 'accepted'],
    ]);
    expect(res.body.results[1].errors[0].message).toContain('UTF-8');
    expect(JSON.stringify(res.body)).not.toContain('13800138000');
    expect(await storedCount([a.callId as string, b.callId as string])).toBe(2);
  });

  it('lets the platform admin send one batch for several tenants', async () => {
    const otherTenant = `i2-${randomUUID().slice(0, 8)}`;
    const mine = valid();
    const theirs: Call = { ...valid(), tenantId: otherTenant };
    const res = await postBatch(
      [mine, theirs],
      asIdentity({ tenantId: null, role: 'platform_admin' }),
    );
    expect(res.body).toMatchObject({ accepted: 2, rejected: 0 });
    const other = asIdentity({ tenantId: otherTenant, role: 'lead' });
    expect((await http().get(`/api/v1/calls/${theirs.callId}`).use(other)).status).toBe(200);
    expect((await http().get(`/api/v1/calls/${theirs.callId}`).use(qa)).status).toBe(404);
  });

  it('masks phone, ID-card and bank numbers for roles without PII permission; keeps originals', async () => {
    const body: Call = {
      ...valid(),
      customer: { phone: '+86 138-0013-8000', id: '110101199003071234' },
      recordingUrl: 'file:///recordings/13800138000-001.wav',
    };
    (body.segments as Call[]).push(
      seg({ startMs: 9500, endMs: 12000, text: '卡号 6222 0212 3456 7890 128' }),
    );
    expect((await post(body)).status).toBe(201);
    const masked = await http().get(`/api/v1/calls/${body.callId}`).use(qa);
    expect(masked.body).toMatchObject({
      piiMasked: true,
      customer: { phone: '+86 138-****-8000', id: '110101********1234' },
      recordingUrl: 'file:///recordings/138****8000-001.wav',
    });
    expect(masked.body.segments[1].text).toBe('我的手机号139****5678,身份证110101********1234');
    expect(masked.body.segments[2].text).toBe('卡号 **** **** **** ***0 128');
    const listed = await http().get('/api/v1/calls').query({ limit: 200 }).use(qa);
    expect(JSON.stringify(listed.body)).not.toMatch(/13912345678|110101199003071234/);
    const clear = await http().get(`/api/v1/calls/${body.callId}`).use(lead);
    expect(clear.body.piiMasked).toBe(false);
    expect(clear.body.customer).toEqual(body.customer);
    expect(clear.body.segments[1].text).toContain('13912345678');
    const stored = (await db.query(
      'SELECT body FROM ingestion.calls WHERE tenant_id = $1 AND call_id = $2',
      [tenantId, body.callId],
    )) as { body: { customer: { phone: string } } }[];
    // At rest the customer's numbers are ciphertext (PII_KEY), not the numbers.
    expect(stored[0].body.customer.phone).toMatch(/^pii:v1:/);
    expect(JSON.stringify(stored[0].body.customer)).not.toMatch(/0013-8000|110101199003071234/);
  });

  it('derives the ring count from ringing time with the tenant seconds per ring, or keeps the given one', async () => {
    await producer.send({
      topic: Topics.TenantUpserted,
      messages: [
        {
          key: tenantId,
          value: Buffer.from(
            Codecs[Topics.TenantUpserted]
              .encode({
                tenantId,
                name: 't',
                companyName: 'c',
                secondsPerRing: 2,
                timezone: 'Asia/Shanghai',
              })
              .finish(),
          ),
          headers: {
            [EventHeader.EventId]: randomUUID(),
            [EventHeader.EventType]: Topics.TenantUpserted,
            [EventHeader.OccurredAt]: new Date().toISOString(),
          },
        },
      ],
    });
    await waitFor(
      'tenant settings',
      async () =>
        (
          (await db.query('SELECT 1 FROM ingestion.tenants WHERE tenant_id = $1', [
            tenantId,
          ])) as unknown[]
        ).length === 1,
    );
    const derived = valid();
    const given = { ...valid(), ringCount: 1 };
    const abandoned = {
      ...valid(),
      answeredAt: null,
      endedAt: '2026-11-22T09:00:09+08:00',
      segments: [],
    };
    for (const c of [derived, given, abandoned]) expect((await post(c)).status).toBe(201);
    const ring = async (c: Call) => (await http().get(`/api/v1/calls/${c.callId}`).use(qa)).body;
    expect(await ring(derived)).toMatchObject({ ringCount: 4, ringCountDerived: true }); // 7 s / 2 s
    expect(await ring(given)).toMatchObject({ ringCount: 1, ringCountDerived: false });
    expect(await ring(abandoned)).toMatchObject({ ringCount: 5, answeredAt: null }); // 9 s until hang-up
    const [event] = await waitFor('the derived call on the wire', () => {
      const got = recorder.withKey(Topics.CallIngested, derived.callId as string);
      return got.length ? got : undefined;
    });
    expect(Codecs[Topics.CallIngested].decode(event.message.value!).call?.ringCount).toBe(4);
  });

  it('lists calls newest first with an opaque cursor and filters; agents see only their own', async () => {
    const listTenant = `l-${randomUUID().slice(0, 8)}`;
    const who = asIdentity({ tenantId: listTenant, role: 'qa' });
    const calls = Array.from({ length: 7 }, (_, i) => ({
      ...valid(`l-${i}`),
      tenantId: listTenant,
      agentId: i % 2 ? 'a-odd' : 'a-even',
      teamId: i < 4 ? 't-a' : 't-b',
      startedAt: `2026-11-2${i}T09:00:00.123456+08:00`,
      answeredAt: `2026-11-2${i}T09:00:07+08:00`,
      endedAt: `2026-11-2${i}T09:04:10+08:00`,
    }));
    expect((await postBatch(calls, who)).body.accepted).toBe(7);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await http()
        .get('/api/v1/calls')
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .use(who);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((c: { callId: string }) => c.callId));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['l-6', 'l-5', 'l-4', 'l-3', 'l-2', 'l-1', 'l-0']);
    const ids = async (query: Record<string, string>, identity = who) =>
      (await http().get('/api/v1/calls').query(query).use(identity)).body.items.map(
        (c: { callId: string }) => c.callId,
      );
    expect(await ids({ agentId: 'a-odd' })).toEqual(['l-5', 'l-3', 'l-1']);
    expect(await ids({ teamId: 't-b' })).toEqual(['l-6', 'l-5', 'l-4']);
    expect(
      await ids({ from: '2026-11-22T00:00:00+08:00', to: '2026-11-24T00:00:00+08:00' }),
    ).toEqual(['l-3', 'l-2']);
    const agent = asIdentity({ tenantId: listTenant, role: 'agent', agentId: 'a-even' });
    expect(await ids({}, agent)).toEqual(['l-6', 'l-4', 'l-2', 'l-0']);
    expect(await ids({ agentId: 'a-odd' }, agent)).toEqual(['l-6', 'l-4', 'l-2', 'l-0']);
    expect((await http().get('/api/v1/calls/l-1').use(agent)).status).toBe(404);
    expect((await http().get('/api/v1/calls/l-2').use(agent)).status).toBe(200);
    const unlinked = asIdentity({ tenantId: listTenant, role: 'agent' });
    expect(await ids({}, unlinked)).toEqual([]);
  });

  it('takes a new raw record at a log position the inbox has seen before (rebuilt broker)', async () => {
    // A rebuilt broker or a recreated topic starts again at offset 0 while the database keeps the
    // inbox: records handled there before, by this version's ids and by position-only ids, must not
    // make the new record look like a redelivery.
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(Topics.CallRaw);
    await admin.disconnect();
    const next = offsets.find((o) => o.partition === 0)!.high;
    const earlier = { offset: next, timestamp: '1700000000000', value: Buffer.from('{}') };
    for (const eventId of [
      `${Topics.CallRaw}/0/${next}`,
      rawEventMeta(Topics.CallRaw, 0, earlier).eventId,
    ]) {
      await db.query(
        `INSERT INTO ingestion.inbox (consumer, event_id, topic, partition, "offset")
         VALUES ('ingestion', $1, $2, 0, $3) ON CONFLICT DO NOTHING`,
        [eventId, Topics.CallRaw, next],
      );
    }
    const c = valid();
    await producer.send({
      topic: Topics.CallRaw,
      messages: [{ partition: 0, key: c.callId as string, value: JSON.stringify(c) }],
    });
    await waitFor(
      'the new record stored',
      async () => (await storedCount(c.callId as string)) === 1,
    );
    expect(await outboxCount(c.callId as string)).toBe(1);
  });

  it('consumes raw JSON calls from qa.call.raw.v1 and dead-letters bad ones with the reason', async () => {
    const good = valid();
    const conflicting = { ...good, csat: 2 };
    const key = `raw-bad-${randomUUID()}`;
    await producer.send({
      topic: Topics.CallRaw,
      messages: [
        { key: `${key}-enum`, value: JSON.stringify({ ...valid(), direction: 'diagonal' }) },
        { key: `${key}-json`, value: '{"phone": 13800138000x' },
        { key: `${key}-empty`, value: '' },
        { key: `${key}-utf8`, value: Buffer.from([0x7b, 0xc3, 0x28, 0x7d]) },
        { key: `${key}-array`, value: JSON.stringify([valid()]) },
        { key: good.callId as string, value: JSON.stringify(good) },
      ],
    });
    await waitFor(
      'the raw call stored',
      async () => (await storedCount(good.callId as string)) === 1,
    );
    await producer.send({
      topic: Topics.CallRaw,
      messages: [
        { key: good.callId as string, value: JSON.stringify(good) },
        { key: good.callId as string, value: JSON.stringify(conflicting) },
      ],
    });
    const reasons = await waitFor('every bad raw message in the DLQ', () => {
      const got = ['enum', 'json', 'empty', 'utf8', 'array', 'conflict'].map((k) =>
        k === 'conflict'
          ? recorder.withKey(dlqTopic(Topics.CallRaw), good.callId as string)[0]
          : recorder.withKey(dlqTopic(Topics.CallRaw), `${key}-${k}`)[0],
      );
      return got.every(Boolean)
        ? got.map((m) => m.message.headers?.[DlqHeader.Reason]?.toString() ?? '')
        : undefined;
    });
    expect(reasons[0]).toContain('direction');
    expect(reasons[1]).toContain('not UTF-8 JSON');
    expect(reasons[1]).not.toContain('13800138000');
    expect(reasons[2]).toContain('empty payload');
    expect(reasons[3]).toContain('not UTF-8 JSON');
    expect(reasons[4]).toContain('a call must be a JSON object');
    expect(reasons[5]).toContain('differs in csat');
    await waitFor(
      'the raw call on the wire',
      () => recorder.withKey(Topics.CallIngested, good.callId as string).length > 0,
    );
    await sleep(500);
    expect(recorder.withKey(Topics.CallIngested, good.callId as string)).toHaveLength(1);
    expect(await outboxCount(good.callId as string)).toBe(1);
  });
  it('holds raw records to the HTTP rules: known tenant, matching tenant-id header, key = call id', async () => {
    const unknownTenant: Call = { ...valid(), tenantId: `nobody-${randomUUID().slice(0, 8)}` };
    const otherHeader = valid();
    const wrongKey = valid();
    const noKey = valid();
    const sameEventId = [valid(), valid()];
    // 30 field errors: far more than the 1,000 characters a header used to keep.
    const manyErrors: Call = {
      ...valid(),
      segments: Array.from({ length: 30 }, (_, i) => ({
        speaker: 'x',
        startMs: i,
        endMs: i,
        text: '',
      })),
    };
    const eventId = randomUUID();
    const ours = (tenant: string) => ({
      [EventHeader.EventId]: eventId,
      [EventHeader.EventType]: Topics.CallRaw,
      [EventHeader.TenantId]: tenant,
    });
    await producer.send({
      topic: Topics.CallRaw,
      messages: [
        { key: unknownTenant.callId as string, value: JSON.stringify(unknownTenant) },
        {
          key: otherHeader.callId as string,
          value: JSON.stringify(otherHeader),
          headers: { [EventHeader.TenantId]: 'someone-else' },
        },
        { key: `not-${wrongKey.callId as string}`, value: JSON.stringify(wrongKey) },
        { key: null, value: JSON.stringify(noKey) },
        { key: manyErrors.callId as string, value: JSON.stringify(manyErrors) },
        ...sameEventId.map((c) => ({
          key: c.callId as string,
          value: JSON.stringify(c),
          headers: ours(tenantId),
        })),
      ],
    });
    const dead = (k: string) => recorder.withKey(dlqTopic(Topics.CallRaw), k)[0];
    const reasons = await waitFor('three dead letters', () => {
      const got = [
        dead(unknownTenant.callId as string),
        dead(otherHeader.callId as string),
        dead(`not-${wrongKey.callId as string}`),
      ];
      return got.every(Boolean)
        ? got.map((m) => m.message.headers?.[DlqHeader.Reason]?.toString() ?? '')
        : undefined;
    });
    expect(reasons[0]).toContain('does not exist');
    expect(reasons[1]).toContain('tenant-id header');
    expect(reasons[2]).toContain('is not the call id');
    const long = await waitFor('the call with 30 errors dead-lettered', () =>
      dead(manyErrors.callId as string)?.message.headers?.[DlqHeader.Reason]?.toString(),
    );
    expect(long.length).toBeGreaterThan(1000);
    expect(long).toContain('segments.29.speaker');
    // Two different calls under one outside event id are two calls; no key means the call id.
    for (const c of [noKey, ...sameEventId])
      await waitFor(
        `${c.callId as string} stored`,
        async () => (await storedCount(c.callId as string)) === 1,
      );
    for (const c of [unknownTenant, otherHeader, wrongKey])
      expect(await storedCount(c.callId as string)).toBe(0);
  });
});
