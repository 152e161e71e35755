import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { INestApplication } from '@nestjs/common';
import { createService } from '@qa/platform';
import { asIdentity, sampleCall, signingProxy } from '@qa/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';

const MAX_BYTES = 64 * 1024;

/** A minimal RIFF/WAVE file of `samples` bytes of PCM data. */
function wav(samples: number, seed = 0): Buffer {
  const data = Buffer.from(Array.from({ length: samples }, (_, i) => (i * 7 + seed) % 256));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + samples, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(8000, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(samples, 40);
  return Buffer.concat([header, data]);
}

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** Recordings (upload, checksum, type and size limits, HTTP Range) and Asterisk CDR import. */
describe('ingestion files', () => {
  const tenantId = `f-${randomUUID().slice(0, 8)}`;
  const qa = asIdentity({ tenantId, role: 'qa' });
  const saved = { dir: process.env.RECORDINGS_DIR, max: process.env.RECORDINGS_MAX_BYTES };
  let recordingsDir: string;
  let app: INestApplication;
  let db: DataSource;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    recordingsDir = await mkdtemp(join(tmpdir(), 'qa-recordings-'));
    process.env.RECORDINGS_DIR = recordingsDir;
    process.env.RECORDINGS_MAX_BYTES = String(MAX_BYTES);
    // Imported after the environment is set: the config is validated when the module loads.
    const { AppModule } = await import('../../apps/ingestion/src/app.module');
    const { ingestionServiceOptions } = await import('../../apps/ingestion/src/ingestion.options');
    app = await createService(AppModule, ingestionServiceOptions);
    await app.listen(0);
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
    process.env.RECORDINGS_DIR = saved.dir;
    process.env.RECORDINGS_MAX_BYTES = saved.max;
    await rm(recordingsDir, { recursive: true, force: true });
  });

  const newCall = async (agentId = 'a-1') => {
    const callId = `c-${randomUUID()}`;
    const res = await http()
      .post('/api/v1/calls')
      .use(qa)
      .send(
        sampleCall({
          customer: undefined,
          callId,
          tenantId,
          agentId,
          answeredAt: '2026-11-22T09:00:05+08:00',
          endedAt: '2026-11-22T09:01:00+08:00',
          segments: [],
        }),
      );
    expect(res.status).toBe(201);
    return callId;
  };
  const upload = (callId: string, body: Buffer, contentType = 'audio/wav', identity = qa) =>
    http()
      .post(`/api/v1/calls/${callId}/recording`)
      .use(identity)
      .attach('recording', body, { filename: 'r.wav', contentType });
  const fetchRecording = (callId: string, range?: string, identity = qa) => {
    const req = http().get(`/api/v1/calls/${callId}/recording`).use(identity);
    if (range) req.set('range', range);
    return req.buffer(true).parse(binary);
  };

  it('stores a recording with its checksum and serves it whole and with HTTP Range', async () => {
    const callId = await newCall();
    const audio = wav(5000);
    const up = await upload(callId, audio);
    expect(up.status).toBe(201);
    const sha256 = createHash('sha256').update(audio).digest('hex');
    expect(up.body).toEqual({ callId, contentType: 'audio/wav', sizeBytes: audio.length, sha256 });
    const [row] = (await db.query(
      'SELECT path, sha256, size_bytes FROM ingestion.recordings WHERE tenant_id = $1 AND call_id = $2',
      [tenantId, callId],
    )) as { path: string; sha256: string; size_bytes: string }[];
    expect(row).toMatchObject({ sha256, size_bytes: String(audio.length) });
    expect(resolve(row.path).startsWith(join(recordingsDir, tenantId))).toBe(true);

    const whole = await fetchRecording(callId);
    expect(whole.status).toBe(200);
    expect(whole.headers).toMatchObject({
      'accept-ranges': 'bytes',
      'content-type': 'audio/wav',
      'content-length': String(audio.length),
      etag: `"${sha256}"`,
    });
    expect(Buffer.compare(whole.body as Buffer, audio)).toBe(0);

    for (const [range, from, to] of [
      ['bytes=100-199', 100, 199],
      ['bytes=5000-', 5000, audio.length - 1],
      ['bytes=-44', audio.length - 44, audio.length - 1],
      ['bytes=0-999999', 0, audio.length - 1],
    ] as const) {
      const part = await fetchRecording(callId, range);
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes ${from}-${to}/${audio.length}`);
      expect(part.headers['content-length']).toBe(String(to - from + 1));
      expect(Buffer.compare(part.body as Buffer, audio.subarray(from, to + 1))).toBe(0);
    }
    for (const range of ['bytes=6000-', 'bytes=10-5', 'bytes=-0', 'bytes=6000-7000,9000-']) {
      const bad = await http().get(`/api/v1/calls/${callId}/recording`).use(qa).set('range', range);
      expect({ range, status: bad.status }).toEqual({ range, status: 416 });
      expect(bad.headers['content-range']).toBe(`bytes */${audio.length}`);
      expect(bad.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('serves several ranges as multipart/byteranges, and the whole file for a unit it does not know', async () => {
    const callId = await newCall();
    const audio = wav(3000, 5);
    await upload(callId, audio).expect(201);
    const res = await fetchRecording(callId, 'bytes=10-19, 1000-1009, -5');
    expect(res.status).toBe(206);
    const type = String(res.headers['content-type']);
    const boundary = /^multipart\/byteranges; boundary=(\S+)$/.exec(type)?.[1];
    expect(boundary).toBeDefined();
    const body = res.body as Buffer;
    expect(res.headers['content-length']).toBe(String(body.length));
    const parts = body
      .toString('latin1')
      .split(`--${boundary}`)
      .slice(1, -1)
      .map((p) => {
        const [head, data] = p.replace(/^\r\n/, '').split('\r\n\r\n');
        return { head, data: Buffer.from(data.replace(/\r\n$/, ''), 'latin1') };
      });
    const size = audio.length;
    const expected = [
      [10, 19],
      [1000, 1009],
      [size - 5, size - 1],
    ];
    expect(parts.map((p) => /Content-Range: (.*)/.exec(p.head)?.[1])).toEqual(
      expected.map(([a, b]) => `bytes ${a}-${b}/${size}`),
    );
    parts.forEach((p, i) =>
      expect(Buffer.compare(p.data, audio.subarray(expected[i][0], expected[i][1] + 1))).toBe(0),
    );
    expect(body.toString('latin1').endsWith(`--${boundary}--\r\n`)).toBe(true);
    const unknownUnit = await fetchRecording(callId, 'pages=1-2');
    expect(unknownUnit.status).toBe(200);
    expect(Buffer.compare(unknownUnit.body as Buffer, audio)).toBe(0);
  });

  it('honours If-Range and If-None-Match, and answers HEAD to whoever may read', async () => {
    const callId = await newCall('a-9');
    const first = wav(2000, 1);
    const up1 = await upload(callId, first).expect(201);
    const oldTag = `"${up1.body.sha256 as string}"`;
    const conditional = (headers: Record<string, string>) => {
      const req = http().get(`/api/v1/calls/${callId}/recording`).use(qa);
      for (const [k, v] of Object.entries(headers)) req.set(k, v);
      return req.buffer(true).parse(binary);
    };
    const resumed = await conditional({ range: 'bytes=100-199', 'if-range': oldTag });
    expect(resumed.status).toBe(206);
    expect(Buffer.compare(resumed.body as Buffer, first.subarray(100, 200))).toBe(0);
    const notModified = await conditional({ 'if-none-match': oldTag });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.etag).toBe(oldTag);
    expect((notModified.body as Buffer).length).toBe(0);

    // The recording is replaced: a resume with the old validator gets the whole new file.
    const second = wav(2500, 2);
    const up2 = await upload(callId, second).expect(201);
    const stale = await conditional({ range: 'bytes=100-199', 'if-range': oldTag });
    expect(stale.status).toBe(200);
    expect(stale.headers['content-range']).toBeUndefined();
    expect(Buffer.compare(stale.body as Buffer, second)).toBe(0);
    expect((await conditional({ 'if-none-match': oldTag })).status).toBe(200);
    const current = await conditional({
      range: 'bytes=0-9',
      'if-range': `"${up2.body.sha256 as string}"`,
    });
    expect(current.status).toBe(206);

    for (const identity of [qa, asIdentity({ tenantId, role: 'agent', agentId: 'a-9' })]) {
      const head = await http().head(`/api/v1/calls/${callId}/recording`).use(identity);
      expect(head.status).toBe(200);
      expect(head.headers).toMatchObject({
        'content-length': String(second.length),
        'accept-ranges': 'bytes',
        etag: `"${up2.body.sha256 as string}"`,
      });
    }
    const notMine = asIdentity({ tenantId, role: 'agent', agentId: 'a-other' });
    expect((await http().head(`/api/v1/calls/${callId}/recording`).use(notMine)).status).toBe(404);
  });

  it('replaces a recording on a second upload, keeping one file', async () => {
    const callId = await newCall();
    await upload(callId, wav(1000, 1)).expect(201);
    const ogg = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(500, 3)]);
    const second = await upload(callId, ogg, 'audio/ogg');
    expect(second.status).toBe(201);
    expect(second.body.sha256).toBe(createHash('sha256').update(ogg).digest('hex'));
    const files = await readdir(join(recordingsDir, tenantId));
    expect(files.filter((f) => f.startsWith(callId))).toEqual([`${callId}.ogg`]);
    expect(await readdir(join(recordingsDir, '.incoming'))).toEqual([]);
  });

  it('refuses wrong types, disguised files, oversized uploads and missing files, keeping nothing', async () => {
    const callId = await newCall();
    const cases: [string, () => request.Test, number][] = [
      ['text/plain', () => upload(callId, Buffer.from('hello'), 'text/plain'), 415],
      [
        'a text file claiming to be audio/wav',
        () => upload(callId, Buffer.from('hello world, not audio')),
        415,
      ],
      [
        'an MP3 claiming to be audio/wav',
        () => upload(callId, Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000')),
        415,
      ],
      ['a file over the size limit', () => upload(callId, wav(MAX_BYTES + 10)), 413],
      [
        'no file',
        () => http().post(`/api/v1/calls/${callId}/recording`).use(qa).field('x', '1'),
        400,
      ],
      [
        'the wrong field name',
        () =>
          http()
            .post(`/api/v1/calls/${callId}/recording`)
            .use(qa)
            .attach('audio', wav(10), { filename: 'r.wav', contentType: 'audio/wav' }),
        400,
      ],
      ['an unknown call', () => upload('c-none', wav(10)), 404],
      [
        'an agent uploading',
        () =>
          upload(
            callId,
            wav(10),
            'audio/wav',
            asIdentity({ tenantId, role: 'agent', agentId: 'a-1' }),
          ),
        403,
      ],
    ];
    for (const [name, send, status] of cases) {
      const res = await send();
      expect({ name, status: res.status }).toEqual({ name, status });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await http().get(`/api/v1/calls/${callId}/recording`).use(qa)).status).toBe(404);
    expect(await readdir(join(recordingsDir, '.incoming'))).toEqual([]);
  });

  it('takes an upload sent without an audio type (curl -F recording=@x.wav) by its content', async () => {
    const callId = await newCall();
    const res = await upload(callId, wav(100), 'application/octet-stream').expect(201);
    expect(res.body.contentType).toBe('audio/wav');
    expect((await fetchRecording(callId)).headers['content-type']).toBe('audio/wav');
    const text = await upload(
      callId,
      Buffer.from('hello world, not audio'),
      'application/octet-stream',
    );
    expect(text.status).toBe(415);
  });

  it('serves recordings only inside the tenant, and to agents only for their own calls', async () => {
    const mine = await newCall('a-7');
    const theirs = await newCall('a-8');
    await upload(mine, wav(100)).expect(201);
    await upload(theirs, wav(100)).expect(201);
    const agent = asIdentity({ tenantId, role: 'agent', agentId: 'a-7' });
    expect((await fetchRecording(mine, undefined, agent)).status).toBe(200);
    expect((await fetchRecording(theirs, undefined, agent)).status).toBe(404);
    const other = asIdentity({ tenantId: `o-${tenantId}`, role: 'qa' });
    expect((await fetchRecording(mine, undefined, other)).status).toBe(404);
  });

  const cdrLine = (uniqueid: string, over: Partial<Record<number, string>> = {}) =>
    [
      't-01',
      '13800138000',
      '1001',
      'from-pstn',
      '"C" <13800138000>',
      'SIP/trunk-01',
      'SIP/1001-0000002a',
      'Dial',
      'SIP/1001',
      '2026-11-22 09:00:00',
      '2026-11-22 09:00:07',
      '2026-11-22 09:04:10',
      '250',
      '243',
      'ANSWERED',
      'DOCUMENTATION',
      uniqueid,
      '',
    ]
      .map((v, i) => over[i] ?? v)
      .map((v) => `"${v.replace(/"/g, '""')}"`)
      .join(',');
  const importCdr = (
    csv: string,
    transcripts?: unknown,
    utcOffset?: string,
    pbx: 'asterisk' | 'freeswitch' = 'asterisk',
  ) => {
    const req = http()
      .post(`/api/v1/calls/import/${pbx}`)
      .use(qa)
      .attach('cdr', Buffer.from(csv), { filename: 'Master.csv', contentType: 'text/csv' });
    if (transcripts !== undefined) {
      req.attach(
        'transcripts',
        Buffer.from(typeof transcripts === 'string' ? transcripts : JSON.stringify(transcripts)),
        {
          filename: 't.json',
          contentType: 'application/json',
        },
      );
    }
    if (utcOffset) req.field('utcOffset', utcOffset);
    return req;
  };

  it('imports an Asterisk Master.csv with transcripts; unanswered calls become abandoned', async () => {
    const u = `${Date.now()}`;
    const csv = [
      'accountcode,src,dst,dcontext,clid,channel,dstchannel,lastapp,lastdata,start,answer,end,duration,billsec,disposition,amaflags,uniqueid,userfield',
      cdrLine(`${u}.1`),
      cdrLine(`${u}.2`, { 10: '', 14: 'NO ANSWER', 6: '' }),
      '"too","short"',
      cdrLine(`${u}.4`, {
        3: 'from-internal',
        1: '1002',
        2: '13912345678',
        5: 'SIP/1002-07',
        6: 'SIP/trunk-08',
      }),
      cdrLine(`${u}.5`, { 9: '22/11/2026 09:00' }),
      cdrLine(`${u}.1`),
    ].join('\r\n');
    const transcripts = {
      [`${u}.1`]: [{ speaker: 'agent', startMs: 0, endMs: 2000, text: '您好,示例公司' }],
    };
    const res = await importCdr(csv, transcripts);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 3, duplicate: 0, rejected: 3 });
    expect(
      res.body.results.map((r: { line: number; status: string }) => [r.line, r.status]),
    ).toEqual([
      [2, 'accepted'],
      [3, 'accepted'],
      [4, 'rejected'],
      [5, 'accepted'],
      [6, 'rejected'],
      [7, 'rejected'],
    ]);
    expect(res.body.results[4].errors[0].path).toBe('startedAt');
    expect(res.body.results[5].errors[0].message).toContain('earlier in this batch');
    const lead = asIdentity({ tenantId, role: 'lead' });
    const answered = await http().get(`/api/v1/calls/ast-${u}.1`).use(lead);
    expect(answered.body).toMatchObject({
      agentId: '1001',
      teamId: 't-01',
      ringCount: 3,
      answeredAt: '2026-11-22T09:00:07+08:00',
      customer: { phone: '13800138000' },
    });
    expect(answered.body.segments[0].text).toBe('您好,示例公司');
    const abandoned = await http().get(`/api/v1/calls/ast-${u}.2`).use(qa);
    expect(abandoned.body).toMatchObject({
      answeredAt: null,
      disposition: 'no_answer',
      hangupBy: 'unknown',
      segments: [],
      ringCount: 84,
    });
    const outbound = await http().get(`/api/v1/calls/ast-${u}.4`).use(lead);
    expect(outbound.body).toMatchObject({
      direction: 'outbound',
      agentId: '1002',
      customer: { phone: '13912345678' },
    });
    expect((await importCdr(cdrLine(`${u}.1`), transcripts)).body).toMatchObject({
      accepted: 0,
      duplicate: 1,
    });
  });

  it('imports the default 16-column Master.csv: disposition, caller name, who hung up unknown', async () => {
    const row = (start: string, answer: string, disposition: string, clid: string) =>
      cdrLine('', {
        4: clid,
        9: start,
        10: answer,
        11: start.replace(/:00$/, ':50'),
        14: disposition,
      })
        .split(',')
        .slice(0, 16)
        .join(',');
    const day = '2026-11-23';
    const csv = [
      row(`${day} 10:00:00`, `${day} 10:00:04`, 'ANSWERED', '"张三" <13800138000>'),
      row(`${day} 10:01:00`, '', 'BUSY', '<13800138001>'),
      row(`${day} 10:02:00`, '', 'NO ANSWER', '"Li Si" <13800138002>'),
      row(`${day} 10:03:00`, '', 'CONGESTION', ''),
    ].join('\n');
    const res = await importCdr(csv);
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual(
      res.body.results.map(() => expect.objectContaining({ status: 'accepted' })),
    );
    const ids = res.body.results.map((r: { callId: string }) => r.callId);
    const lead = asIdentity({ tenantId, role: 'lead' });
    const get = async (i: number, who = lead) =>
      (await http().get(`/api/v1/calls/${ids[i]}`).use(who)).body;
    expect(await get(0)).toMatchObject({
      disposition: 'answered',
      hangupBy: 'unknown',
      customer: { phone: '13800138000', name: '张三' },
    });
    expect((await get(0, qa)).customer).toEqual({ phone: '138****8000', name: '张**' });
    expect(await get(1)).toMatchObject({ disposition: 'busy', answeredAt: null });
    expect(await get(2)).toMatchObject({ disposition: 'no_answer', customer: { name: 'Li Si' } });
    expect(await get(3)).toMatchObject({ disposition: 'congestion', hangupBy: 'unknown' });
    const [stored] = (await db.query(
      'SELECT disposition FROM ingestion.calls WHERE tenant_id = $1 AND call_id = $2',
      [tenantId, ids[1]],
    )) as { disposition: string }[];
    expect(stored.disposition).toBe('busy');
    // The same file again: the same calls, found by the row digest.
    expect((await importCdr(csv)).body).toMatchObject({ accepted: 0, duplicate: 4 });
  });

  /** A CEL HANGUP event in cel_custom.conf.sample's 20 columns (eventextra last). */
  const celHangup = (uniqueid: string, linkedid: string, channame: string, source: string) =>
    [
      'HANGUP',
      '2026-11-22 09:04:10.000',
      'C',
      '13800138000',
      '13800138000',
      '',
      '1001',
      '1001',
      'from-pstn',
      channame,
      '',
      '',
      '3',
      't-01',
      uniqueid,
      linkedid,
      '',
      '',
      '',
      JSON.stringify({ hangupcause: 16, hangupsource: source, dialstatus: '' }),
    ]
      .map((v) => `"${v.replace(/"/g, '""')}"`)
      .join(',');

  it('takes who hung up from CEL HANGUP events joined to the CDRs; an unreadable CEL file is a 400', async () => {
    const u = `${Date.now()}.cel`;
    const csv = [cdrLine(`${u}1`), cdrLine(`${u}2`), cdrLine(`${u}3`), cdrLine(`${u}4`)].join('\n');
    const celFile = [
      // Each channel of a call logs its own HANGUP; both name the channel that hung up first.
      celHangup(`${u}1`, `${u}1`, 'SIP/trunk-01', 'SIP/trunk-01'),
      celHangup(`${u}1b`, `${u}1`, 'SIP/1001-0000002a', 'SIP/trunk-01'),
      // Only the agent leg's event, joined through the linkedid.
      celHangup(`${u}2b`, `${u}2`, 'SIP/1001-0000002a', 'SIP/1001-0000002a'),
      // Asterisk did not know.
      celHangup(`${u}3`, `${u}3`, 'SIP/trunk-01', ''),
    ].join('\n');
    const send = (cel: string) =>
      importCdr(csv, undefined, '+08:00').attach('cel', Buffer.from(cel), {
        filename: 'Master.csv',
        contentType: 'text/csv',
      });
    const bad = await send(`${celFile}\n"HANGUP","2026-11-22 09:04:10"`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      {
        path: 'cel',
        message:
          "line 5: expected the 19 or 20 columns of cel_custom's sample mapping, or a header row; got 2",
      },
    ]);
    const res = await send(celFile);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 4 });
    const by = async (n: number) =>
      (await http().get(`/api/v1/calls/ast-${u}${n}`).use(qa)).body.hangupBy;
    expect([await by(1), await by(2), await by(3), await by(4)]).toEqual([
      'customer',
      'agent',
      'unknown',
      'unknown',
    ]);
  });

  it('imports FreeSWITCH mod_cdr_csv (default template) and mod_json_cdr records', async () => {
    const u = randomUUID().slice(0, 8);
    const csv = [
      ['张三', '13800138000', '1001', 'public', '2026-11-22 09:00:00', '2026-11-22 09:00:07'],
      ['', '13800138001', '1001', 'public', '2026-11-22 09:10:00', ''],
    ]
      .map(([name, number, dst, ctx, start, answer], i) =>
        [
          name,
          number,
          dst,
          ctx,
          start,
          answer,
          start.replace(/:00$/, ':50'),
          '50',
          answer ? '43' : '0',
          answer ? 'NORMAL_CLEARING' : 'USER_BUSY',
          `${u}-${i}`,
          '',
          't-fs',
          'PCMA',
          'PCMA',
        ]
          .map((v) => `"${v}"`)
          .join(','),
      )
      .join('\n');
    const transcripts = {
      [`${u}-0`]: [{ speaker: 'agent', startMs: 0, endMs: 1000, text: '您好,示例公司' }],
    };
    const res = await importCdr(csv, transcripts, undefined, 'freeswitch');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, rejected: 0 });
    const lead = asIdentity({ tenantId, role: 'lead' });
    const answered = (await http().get(`/api/v1/calls/fs-${u}-0`).use(lead)).body;
    expect(answered).toMatchObject({
      teamId: 't-fs',
      agentId: '1001',
      answeredAt: '2026-11-22T09:00:07+08:00',
      ringCount: 3,
      disposition: 'answered',
      hangupCause: 'NORMAL_CLEARING',
      hangupBy: 'unknown',
      customer: { phone: '13800138000', name: '张三' },
    });
    expect(answered.segments[0].text).toBe('您好,示例公司');
    const busy = (await http().get(`/api/v1/calls/fs-${u}-1`).use(lead)).body;
    expect(busy).toMatchObject({ answeredAt: null, disposition: 'busy', hangupCause: 'USER_BUSY' });

    const json = {
      variables: {
        uuid: `${u}-j`,
        context: 'public',
        caller_id_number: '13900139000',
        destination_number: '1002',
        start_epoch: '1795309200',
        answer_epoch: '1795309215',
        end_epoch: '1795309300',
        hangup_cause: 'NORMAL_CLEARING',
        sip_hangup_disposition: 'send_bye',
      },
    };
    const j = await importCdr(
      JSON.stringify([json, { nope: 1 }]),
      undefined,
      undefined,
      'freeswitch',
    );
    expect(j.body).toMatchObject({ accepted: 1, rejected: 1 });
    expect(j.body.results[1].errors[0].message).toContain('mod_json_cdr');
    expect((await http().get(`/api/v1/calls/fs-${u}-j`).use(lead)).body).toMatchObject({
      startedAt: '2026-11-22T09:00:00+08:00',
      answeredAt: '2026-11-22T09:00:15+08:00',
      ringCount: 5,
      hangupBy: 'agent',
      disposition: 'answered',
    });
  });

  it('reads PBX times in the given zone', async () => {
    const u = `${Date.now()}.z`;
    expect((await importCdr(cdrLine(u), undefined, 'Europe/Berlin')).body.accepted).toBe(1);
    const call = await http().get(`/api/v1/calls/ast-${u}`).use(qa);
    expect(call.body.startedAt).toBe('2026-11-22T09:00:00+01:00');
  });

  it.each<[string, () => request.Test, string]>([
    [
      'no cdr file',
      () => http().post('/api/v1/calls/import/asterisk').use(qa).field('utcOffset', '+08:00'),
      'cdr',
    ],
    ['transcripts that are not JSON', () => importCdr(cdrLine('1.1'), '{nope'), 'transcripts'],
    ['transcripts that are an array', () => importCdr(cdrLine('1.1'), [1, 2]), 'transcripts'],
    [
      'an unknown time zone',
      () => importCdr(cdrLine('1.1'), undefined, 'Mars/Olympus'),
      'utcOffset',
    ],
    ['an empty file', () => importCdr(''), 'cdr'],
  ])(
    'refuses an import with %s (400, naming the field, nothing stored)',
    async (_name, send, path) => {
      const res = await send();
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors[0].path).toBe(path);
      expect(
        (
          (await db.query('SELECT 1 FROM ingestion.calls WHERE tenant_id = $1 AND call_id = $2', [
            tenantId,
            'ast-1.1',
          ])) as unknown[]
        ).length,
      ).toBe(0);
    },
  );

  it('imports with the CLI through the batch API, transcripts from a folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'qa-import-'));
    try {
      const u = `${Date.now()}.cli`;
      await writeFile(
        join(dir, 'Master.csv'),
        [cdrLine(`${u}1`), cdrLine(`${u}2`), '"bad"'].join('\n'),
      );
      await mkdir(join(dir, 'transcripts'));
      await writeFile(
        join(dir, 'transcripts', `${u}1.json`),
        JSON.stringify([{ speaker: 'agent', startMs: 0, endMs: 1500, text: '您好,示例公司' }]),
      );
      // CEL HANGUP events as JSON lines (cel_odbc rows, AMI): the agent hung up on call 1.
      await writeFile(
        join(dir, 'cel.json'),
        `${JSON.stringify({
          eventtype: 'HANGUP',
          eventtime: '2026-11-22 09:04:10',
          cid_num: '13800138000',
          exten: '1001',
          channame: 'SIP/1001-0000002a',
          uniqueid: `${u}1b`,
          linkedid: `${u}1`,
          extra: '{"hangupcause":16,"hangupsource":"SIP/1001-0000002a"}',
        })}\n`,
      );
      const port = (app.getHttpServer().address() as { port: number }).port;
      // The CLI talks to the gateway; here a signing stand-in plays it in front of ingestion.
      const gateway = await signingProxy(`http://127.0.0.1:${port}`, { tenantId, role: 'qa' });
      const script = resolve(__dirname, '../../scripts/import-calls.ts');
      expect(existsSync(script)).toBe(true);
      const run = promisify(execFile);
      const out = await run(
        process.execPath,
        [
          '-r',
          '@swc-node/register',
          script,
          '--asterisk',
          join(dir, 'Master.csv'),
          '--transcripts',
          join(dir, 'transcripts'),
          '--cel',
          join(dir, 'cel.json'),
          '--tenant',
          tenantId,
          '--url',
          gateway.url,
          '--chunk',
          '1',
        ],
        {
          cwd: resolve(__dirname, '../..'),
          timeout: 60_000,
          env: { ...process.env, QA_TOKEN: 'the-stand-in-signs-instead' },
        },
      )
        .catch((err: { code: number; stdout: string; stderr: string }) => err)
        .finally(() => gateway.close());
      expect('code' in out ? out.code : 0).toBe(1); // one bad row
      expect(JSON.parse(out.stdout)).toEqual({ rows: 3, accepted: 2, duplicate: 0, rejected: 1 });
      expect(out.stderr).toContain('100%');
      expect(out.stderr).toContain('line 3: expected 16 to 21 columns');
      const call = await http().get(`/api/v1/calls/ast-${u}1`).use(qa);
      expect(call.body.segments[0].text).toBe('您好,示例公司');
      expect(call.body.hangupBy).toBe('agent');
      expect((await http().get(`/api/v1/calls/ast-${u}2`).use(qa)).body.hangupBy).toBe('unknown');

      // FreeSWITCH the same way: mod_json_cdr records, one per line, with progress.
      const fs = (i: number) => ({
        variables: {
          uuid: `${u}-fs${i}`,
          caller_id_number: '13800138000',
          destination_number: '1001',
          start_stamp: '2026-11-22%2009%3A00%3A00',
          answer_stamp: i === 0 ? '2026-11-22%2009%3A00%3A04' : '',
          end_stamp: '2026-11-22%2009%3A01%3A00',
          hangup_cause: i === 0 ? 'NORMAL_CLEARING' : 'NO_ANSWER',
        },
      });
      await writeFile(
        join(dir, 'cdr.json'),
        [fs(0), fs(1)].map((d) => JSON.stringify(d)).join('\n'),
      );
      const proxy = await signingProxy(`http://127.0.0.1:${port}`, { tenantId, role: 'qa' });
      const fsOut = await run(
        process.execPath,
        ['-r', '@swc-node/register', script, '--freeswitch', join(dir, 'cdr.json')].concat([
          '--tenant',
          tenantId,
          '--url',
          proxy.url,
        ]),
        {
          cwd: resolve(__dirname, '../..'),
          timeout: 60_000,
          env: { ...process.env, QA_TOKEN: 'the-stand-in-signs-instead' },
        },
      ).finally(() => proxy.close());
      expect(JSON.parse(fsOut.stdout)).toEqual({ rows: 2, accepted: 2, duplicate: 0, rejected: 0 });
      expect(fsOut.stderr).toContain('100%');
      const missed = await http().get(`/api/v1/calls/fs-${u}-fs1`).use(qa);
      expect(missed.body).toMatchObject({ disposition: 'no_answer', hangupCause: 'NO_ANSWER' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
