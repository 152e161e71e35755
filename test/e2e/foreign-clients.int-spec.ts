import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DlqHeader, EventHeader, Topics } from '@qa/contracts';
import { createService } from '@qa/platform';
import { waitFor } from '@qa/testing';
import { DataSource } from 'typeorm';

const root = resolve(__dirname, '../..');
const brokers = process.env.KAFKA_BROKERS!;

/** Runs a tool, feeding stdin; stdout as bytes (protobuf payloads are not text). */
function tool(cmd: string, args: string[], stdin?: Buffer | string) {
  return new Promise<{ code: number; stdout: Buffer; stderr: string }>((ok) => {
    const child = execFile(
      cmd,
      args,
      { encoding: 'buffer', cwd: root, timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) =>
        ok({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr: stderr.toString() }),
    );
    // A tool that exits without reading stdin (kcat -V) closes the pipe: its exit status tells.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(stdin ?? '');
  });
}

const kcat = (args: string[], stdin?: string) => tool('kcat', ['-b', brokers, ...args], stdin);

/** Every message of a topic with this key: partition, offset and headers, as kcat prints them. */
async function withKey(topic: string, key: string) {
  const out = await kcat([
    '-C',
    '-t',
    topic,
    '-o',
    'beginning',
    '-e',
    '-q',
    '-f',
    '%p\t%o\t%k\t%h\n',
  ]);
  return out.stdout
    .toString()
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((f) => f[2] === key)
    .map(([partition, offset, , headers]) => ({
      partition,
      offset,
      headers: Object.fromEntries(
        // kcat joins headers with commas; a value (a DLQ reason) may hold commas itself.
        (headers ?? '')
          .split(/,(?=[a-z][a-z0-9-]*=)/)
          .map((h) => [h.slice(0, h.indexOf('=')), h.slice(h.indexOf('=') + 1)]),
      ),
    }));
}

/**
 * Our topics with clients this project did not write: kcat produces JSON calls to
 * qa.call.raw.v1 and reads qa.call.ingested.v1 and the dead letters; protoc decodes the
 * payloads against proto/. A change that only our own client would tolerate fails here.
 */
describe('foreign clients (kcat, protoc)', () => {
  const tenantId = `k-${randomUUID().slice(0, 8)}`;
  let app: INestApplication;
  let dir: string | undefined;

  beforeAll(async () => {
    const { AppModule } = await import('../../apps/ingestion/src/app.module');
    const { ingestionServiceOptions } = await import('../../apps/ingestion/src/ingestion.options');
    app = await createService(AppModule, ingestionServiceOptions);
    await app.listen(0);
    // The tenant, as the gateway announces it: encoded by protoc, produced by kcat.
    const encoded = await tool(
      'protoc',
      ['-I', 'proto', '--encode=qa.v1.TenantUpserted', 'qa/v1/tenant.proto'],
      `tenant_id: "${tenantId}" name: "K" company_name: "示例公司" seconds_per_ring: 3 timezone: "Asia/Shanghai"`,
    );
    if (encoded.code !== 0) throw new Error(`protoc --encode failed: ${encoded.stderr}`);
    // A file is one message (stdin would be split at every newline byte of the protobuf).
    dir = await mkdtemp(join(tmpdir(), 'qa-kcat-'));
    await writeFile(join(dir, 'tenant.bin'), encoded.stdout);
    const tenantUpserted = await tool(
      'kcat',
      ['-b', brokers, '-P', '-t', Topics.TenantUpserted, '-k', tenantId]
        .concat(['-H', `${EventHeader.EventId}=${randomUUID()}`])
        // DESIGN's standard headers: consumers refuse an event without its occurred-at.
        .concat(['-H', `${EventHeader.OccurredAt}=${new Date().toISOString()}`])
        .concat([
          '-H',
          `${EventHeader.EventType}=${Topics.TenantUpserted}`,
          join(dir, 'tenant.bin'),
        ]),
    );
    if (tenantUpserted.code !== 0) throw new Error(`kcat failed: ${tenantUpserted.stderr}`);
    const db = app.get(DataSource);
    await waitFor('the tenant in ingestion', async () => {
      const rows = (await db.query('SELECT 1 FROM ingestion.tenants WHERE tenant_id = $1', [
        tenantId,
      ])) as unknown[];
      return rows.length === 1;
    });
  });

  afterAll(async () => {
    await app?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('has kcat and protoc (scripts/setup.sh --with-clients installs them)', async () => {
    expect((await tool('kcat', ['-V'])).code).toBe(0);
    expect((await tool('protoc', ['--version'])).stdout.toString()).toMatch(/libprotoc \d/);
  });

  it('a call produced with kcat comes out on qa.call.ingested.v1, decodable by protoc', async () => {
    const callId = `c-${randomUUID()}`;
    const call = {
      callId,
      tenantId,
      direction: 'inbound',
      purpose: 'service',
      agentId: 'a-1',
      teamId: 't-1',
      customer: { phone: '13800138000', name: '张三' },
      startedAt: '2026-11-22T09:00:00+08:00',
      answeredAt: '2026-11-22T09:00:07+08:00',
      endedAt: '2026-11-22T09:04:10+08:00',
      hangupBy: 'unknown',
      hangupCause: 'NORMAL_CLEARING',
      segments: [{ speaker: 'agent', startMs: 0, endMs: 2800, text: '您好,示例公司' }],
    };
    const produced = await kcat(
      ['-P', '-t', Topics.CallRaw, '-k', callId, '-H', `tenant-id=${tenantId}`],
      JSON.stringify(call),
    );
    expect(produced).toMatchObject({ code: 0 });

    const [msg] = await waitFor('the ingested event, read with kcat', async () => {
      const found = await withKey(Topics.CallIngested, callId);
      return found.length > 0 ? found : undefined;
    });
    for (const h of Object.values(EventHeader)) expect(msg.headers[h]).toBeTruthy();
    expect(msg.headers[EventHeader.TenantId]).toBe(tenantId);
    expect(msg.headers[EventHeader.EventType]).toBe(Topics.CallIngested);
    // When the call happened (its end), in UTC like every topic's occurred-at.
    expect(msg.headers[EventHeader.OccurredAt]).toBe('2026-11-22T01:04:10.000Z');

    const value = await kcat([
      '-C',
      '-t',
      Topics.CallIngested,
      '-p',
      msg.partition,
      '-o',
      msg.offset,
      '-c',
      '1',
      '-e',
      '-q',
      '-f',
      '%s',
    ]);
    const decoded = await tool(
      'protoc',
      ['-I', 'proto', '--decode=qa.v1.CallIngested', 'qa/v1/call.proto'],
      value.stdout,
    );
    expect(decoded.stderr).toBe('');
    const text = decoded.stdout.toString();
    expect(text).toContain(`call_id: "${callId}"`);
    expect(text).toContain(`tenant_id: "${tenantId}"`);
    expect(text).toContain('hangup_by: HANGUP_BY_UNKNOWN');
    expect(text).toContain('disposition: CALL_DISPOSITION_ANSWERED');
    expect(text).toContain('hangup_cause: "NORMAL_CLEARING"');
    expect(text).toContain('ring_count: 3');
    expect(text).toMatch(/ingested_at: "\d{4}-\d{2}-\d{2}T/);
  });

  it('dead-letters what kcat sends that is not a call, with a reason kcat can read', async () => {
    const key = `bad-${randomUUID()}`;
    await kcat(['-P', '-t', Topics.CallRaw, '-k', key], '{"callId": 1');
    const [dead] = await waitFor('the dead letter, read with kcat', async () => {
      const found = await withKey(`${Topics.CallRaw}.dlq`, key);
      return found.length > 0 ? found : undefined;
    });
    expect(dead.headers[DlqHeader.Reason]).toContain('not UTF-8 JSON');
  });
});
