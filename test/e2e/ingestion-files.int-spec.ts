import { createHash, randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { createService } from '@qa/platform';
import { asIdentity } from '@qa/testing';
import request from 'supertest';
import { AppModule } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';

/** Recordings (upload, checksum, HTTP Range) and Asterisk CDR import, on the real Postgres. */
describe('ingestion files', () => {
  const tenantId = `f-${randomUUID().slice(0, 8)}`;
  const qa = asIdentity({ tenantId, role: 'qa' });
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    app = await createService(AppModule, ingestionServiceOptions);
    await app.listen(0);
  });

  afterAll(async () => {
    await app?.close();
  });

  const cdrLine = (uniqueid: string, disposition = 'ANSWERED', answer = '2026-11-22 09:00:07') =>
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
      answer,
      '2026-11-22 09:04:10',
      '250',
      '243',
      disposition,
      'DOCUMENTATION',
      uniqueid,
      '',
    ]
      .map((v) => `"${v.replace(/"/g, '""')}"`)
      .join(',');

  it('imports an Asterisk Master.csv with transcripts; unanswered calls become abandoned', async () => {
    const u1 = `${Date.now()}.1`;
    const u2 = `${Date.now()}.2`;
    const csv = [cdrLine(u1), cdrLine(u2, 'NO ANSWER', ''), '"too","short"'].join('\n');
    const transcripts = {
      [u1]: [{ speaker: 'agent', startMs: 0, endMs: 2000, text: '您好,示例公司' }],
    };
    const res = await http()
      .post('/api/v1/calls/import/asterisk')
      .set(qa)
      .attach('cdr', Buffer.from(csv), { filename: 'Master.csv', contentType: 'text/csv' })
      .attach('transcripts', Buffer.from(JSON.stringify(transcripts)), {
        filename: 't.json',
        contentType: 'application/json',
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2, rejected: 1 });
    expect(res.body.results[2]).toMatchObject({ line: 3, status: 'rejected' });
    const answered = await http().get(`/api/v1/calls/ast-${u1}`).set(qa);
    expect(answered.body).toMatchObject({
      agentId: '1001',
      teamId: 't-01',
      ringCount: 3,
      answeredAt: '2026-11-22T09:00:07+08:00',
    });
    expect(answered.body.segments[0].text).toBe('您好,示例公司');
    const abandoned = await http().get(`/api/v1/calls/ast-${u2}`).set(qa);
    expect(abandoned.body).toMatchObject({ answeredAt: null, segments: [] });
  });

  it('refuses an import without the cdr file', async () => {
    const res = await http()
      .post('/api/v1/calls/import/asterisk')
      .set(qa)
      .field('utcOffset', '+08:00');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('cdr');
  });

  it('stores a recording with its checksum and serves it with HTTP Range', async () => {
    const callId = `c-${randomUUID()}`;
    const call = {
      callId,
      tenantId,
      direction: 'inbound',
      purpose: 'service',
      agentId: 'a-1',
      teamId: 't-1',
      startedAt: '2026-11-22T09:00:00+08:00',
      answeredAt: '2026-11-22T09:00:05+08:00',
      endedAt: '2026-11-22T09:01:00+08:00',
      hangupBy: 'customer',
      segments: [],
    };
    expect((await http().post('/api/v1/calls').set(qa).send(call)).status).toBe(201);
    const audio = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 256));
    const up = await http()
      .post(`/api/v1/calls/${callId}/recording`)
      .set(qa)
      .attach('recording', audio, { filename: 'r.wav', contentType: 'audio/wav' });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      sizeBytes: 5000,
      sha256: createHash('sha256').update(audio).digest('hex'),
    });
    const part = await http()
      .get(`/api/v1/calls/${callId}/recording`)
      .set(qa)
      .set('range', 'bytes=100-199')
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 100-199/5000');
    expect(part.headers['accept-ranges']).toBe('bytes');
    expect(Buffer.compare(part.body as Buffer, audio.subarray(100, 200))).toBe(0);
    expect(
      (await http().get(`/api/v1/calls/${callId}/recording`).set(qa).set('range', 'bytes=6000-'))
        .status,
    ).toBe(416);
    expect((await http().get(`/api/v1/calls/${callId}/recording`).set(qa)).status).toBe(200);
  });

  it('refuses non-audio uploads, unknown calls and other tenants', async () => {
    const bad = await http()
      .post(`/api/v1/calls/nope/recording`)
      .set(qa)
      .attach('recording', Buffer.from('hello'), { filename: 'x.txt', contentType: 'text/plain' });
    expect(bad.status).toBe(415);
    const missing = await http()
      .post(`/api/v1/calls/nope/recording`)
      .set(qa)
      .attach('recording', Buffer.from('RIFF'), { filename: 'x.wav', contentType: 'audio/wav' });
    expect(missing.status).toBe(404);
    const other = asIdentity({ tenantId: `o-${tenantId}`, role: 'qa' });
    expect((await http().get(`/api/v1/calls/nope/recording`).set(other)).status).toBe(404);
  });
});
