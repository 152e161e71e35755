import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { createKafka } from '@qa/messaging';
import { sampleCall, seedTenant, waitFor } from '@qa/testing';
import { Admin, AssignerProtocol } from 'kafkajs';
import request from 'supertest';
import { App, freePort, SpawnedService } from './security/spawned-service';

/** One span as the OTLP/HTTP JSON exporter sends it, with the service that sent it. */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  links: { traceId: string; spanId: string }[];
}
const Kind = { Server: 2, Client: 3, Producer: 4, Consumer: 5 };

/** A collector in the test: takes OTLP/HTTP JSON (what the services' exporter sends) and keeps the spans. */
class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  private readonly server: Server = createServer((req, res) => {
    void this.take(req).then(
      () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
      () => res.writeHead(400).end(),
    );
  });

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    const closed = new Promise<void>((r) => this.server.close(() => r()));
    // The exporters keep their connections alive.
    this.server.closeAllConnections();
    return closed;
  }

  private async take(req: IncomingMessage): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body = Buffer.concat(chunks);
    if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
    if (req.url !== '/v1/traces' || !/json/.test(req.headers['content-type'] ?? ''))
      throw new Error('not OTLP/HTTP JSON');
    const doc = JSON.parse(body.toString('utf8')) as {
      resourceSpans: {
        resource: { attributes: { key: string; value: { stringValue?: string } }[] };
        scopeSpans: { spans: Omit<ReceivedSpan, 'service'>[] }[];
      }[];
    };
    for (const rs of doc.resourceSpans) {
      const service =
        rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
      for (const ss of rs.scopeSpans)
        for (const s of ss.spans) this.spans.push({ ...s, links: s.links ?? [], service });
    }
  }
}

/**
 * Total lag of a consumer group (committed offset to high watermark) on the partitions its members
 * hold now: offsets it once committed on topics it no longer reads never drain.
 */
async function lagOf(admin: Admin, groupId: string): Promise<number> {
  const [group] = (await admin.describeGroups([groupId])).groups;
  if (group.state !== 'Stable') return Number.POSITIVE_INFINITY;
  const held = new Map<string, number[]>();
  for (const m of group.members) {
    const assignment = AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment;
    for (const [topic, partitions] of Object.entries(assignment ?? {}))
      held.set(topic, [...(held.get(topic) ?? []), ...partitions]);
  }
  let lag = 0;
  const topics = [...held.keys()];
  for (const t of await admin.fetchOffsets({ groupId, topics })) {
    const high = await admin.fetchTopicOffsets(t.topic);
    for (const p of t.partitions) {
      if (!held.get(t.topic)?.includes(p.partition)) continue;
      const h = Number(high.find((x) => x.partition === p.partition)?.high ?? 0);
      lag += Math.max(0, h - Math.max(0, Number(p.offset)));
    }
  }
  return lag;
}

/**
 * Issue 18 item 4: one complaint call posted through the gateway is one trace, from the HTTP POST
 * through ingestion, scoring, complaints and kpi, over HTTP (`traceparent`) and Kafka (the header
 * the outbox row keeps), exported over OTLP/HTTP by each service's own process, and each
 * service's log lines for that call carry its trace id.
 */
describe('OpenTelemetry tracing across the services', () => {
  const tenantId = `tr-${randomUUID().slice(0, 8)}`;
  const password = 'Tracing-test Password 2026!';
  const receiver = new OtlpReceiver();
  const services = new Map<App, SpawnedService>();
  let http: ReturnType<typeof request>;
  let admin: Admin;

  beforeAll(async () => {
    const endpoint = await receiver.start();
    const env = {
      INTERNAL_SECRET: process.env.INTERNAL_SECRET,
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_BSP_SCHEDULE_DELAY: '200',
      // Successful requests and applied events are logged at debug.
      LOG_LEVEL: 'debug',
    };
    const backends: App[] = ['ingestion', 'scoring', 'complaints', 'kpi'];
    const ports = new Map<App, number>();
    for (const app of [...backends, 'gateway'] as App[]) ports.set(app, await freePort());
    for (const app of backends)
      services.set(app, new SpawnedService(app, { ...env, PORT: String(ports.get(app)) }));
    const url = (app: App) => `http://127.0.0.1:${ports.get(app)}`;
    services.set(
      'gateway',
      new SpawnedService('gateway', {
        ...env,
        PORT: String(ports.get('gateway')),
        JWT_SECRET: process.env.JWT_SECRET,
        ADMIN_PASSWORD: process.env.ADMIN_PASSWORD,
        INGESTION_URL: url('ingestion'),
        SCORING_URL: url('scoring'),
        COMPLAINTS_URL: url('complaints'),
        KPI_URL: url('kpi'),
        COACHING_URL: `http://127.0.0.1:${await freePort()}`,
      }),
    );
    // Each compiles its sources at start (swc): slow on a loaded machine.
    await Promise.all([...services.values()].map((s) => s.listening(420_000)));
    http = request(url('gateway'));
    admin = createKafka('tracing-test', process.env.KAFKA_BROKERS!.split(',')).admin();
    await admin.connect();
  }, 480_000);

  afterAll(async () => {
    await admin?.disconnect();
    await Promise.all([...services.values()].map((s) => s.stop()));
    await receiver.stop();
  });

  it('follows one complaint call from the HTTP POST to kpi in one trace', async () => {
    const login = await http
      .post('/api/v1/auth/login')
      .send({ username: 'admin', password: process.env.ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    const { qa } = await seedTenant(http, login.body.accessToken, tenantId, {
      password,
      users: ['qa'],
    });
    // Consumers caught up (the tenant reached everyone; no backlog of other tests' events), so
    // this call's events are not folded into a chunk of many.
    const prefix = process.env.KAFKA_GROUP_PREFIX ?? '';
    await waitFor(
      'the consumer groups to catch up',
      async () => {
        for (const app of ['ingestion', 'scoring', 'complaints', 'kpi'])
          if ((await lagOf(admin, `${prefix}${app}`)) > 0) return false;
        return true;
      },
      { timeoutMs: 180_000, intervalMs: 500 },
    );

    // The client's own span: the gateway's server span is its child.
    const traceId = randomBytes(16).toString('hex');
    const clientSpanId = randomBytes(8).toString('hex');
    const callId = `c-${randomUUID()}`;
    const posted = await http
      .post('/api/v1/calls')
      .auth(qa, { type: 'bearer' })
      .set('traceparent', `00-${traceId}-${clientSpanId}-01`)
      .send(
        sampleCall({
          callId,
          tenantId,
          customer: { phone: '13800138000', id: 'u-tr' },
          segments: [
            { speaker: 'agent', startMs: 0, endMs: 3000, text: '您好,示例公司,很高兴为您服务' },
            { speaker: 'customer', startMs: 3500, endMs: 8000, text: '宽带断了三天,我要投诉' },
            { speaker: 'agent', startMs: 8500, endMs: 12000, text: '非常抱歉,明天上午给您回复' },
          ],
        }),
      );
    expect(posted.status).toBe(201);

    const inTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
    const find = (service: string, name: string, kind: number) =>
      inTrace().find((s) => s.service === `qa-${service}` && s.name === name && s.kind === kind);
    // Every hop's span: each service exports on its own schedule, so kpi's spans may arrive
    // before an earlier hop's batch does.
    const expected: [string, string, number][] = [
      ['gateway', 'POST /api/v1/calls', Kind.Server],
      ['gateway', 'forward ingestion', Kind.Client],
      ['ingestion', 'POST /api/v1/calls', Kind.Server],
      ['ingestion', 'send qa.call.ingested.v1', Kind.Producer],
      ['scoring', 'process qa.call.ingested.v1', Kind.Consumer],
      ['scoring', 'send qa.evaluation.scored.v1', Kind.Producer],
      ['scoring', 'send qa.complaint.detected.v1', Kind.Producer],
      ['complaints', 'process qa.complaint.detected.v1', Kind.Consumer],
      ['complaints', 'send qa.complaint.opened.v1', Kind.Producer],
      ['kpi', 'process qa.evaluation.scored.v1', Kind.Consumer],
      ['kpi', 'process qa.complaint.opened.v1', Kind.Consumer],
      ['kpi', 'process qa.call.ingested.v1', Kind.Consumer],
    ];
    await waitFor(
      "every hop's span of the call",
      () => expected.every(([service, name, kind]) => find(service, name, kind)),
      { timeoutMs: 90_000, intervalMs: 250 },
    );

    const span = (service: string, name: string, kind: number) => {
      const s = find(service, name, kind);
      if (!s) throw new Error(`no ${service} span ${name} in the trace`);
      return s;
    };
    const gwServer = span('gateway', 'POST /api/v1/calls', Kind.Server);
    const forward = span('gateway', 'forward ingestion', Kind.Client);
    const ingServer = span('ingestion', 'POST /api/v1/calls', Kind.Server);
    const sendIngested = span('ingestion', 'send qa.call.ingested.v1', Kind.Producer);
    const scoringTakes = span('scoring', 'process qa.call.ingested.v1', Kind.Consumer);
    const sendScored = span('scoring', 'send qa.evaluation.scored.v1', Kind.Producer);
    const sendDetected = span('scoring', 'send qa.complaint.detected.v1', Kind.Producer);
    const complaintsTakes = span('complaints', 'process qa.complaint.detected.v1', Kind.Consumer);
    const sendOpened = span('complaints', 'send qa.complaint.opened.v1', Kind.Producer);
    const kpiScored = span('kpi', 'process qa.evaluation.scored.v1', Kind.Consumer);
    const kpiOpened = span('kpi', 'process qa.complaint.opened.v1', Kind.Consumer);
    const kpiIngested = span('kpi', 'process qa.call.ingested.v1', Kind.Consumer);

    // Parent and child, hop by hop.
    expect(gwServer.parentSpanId).toBe(clientSpanId);
    expect(forward.parentSpanId).toBe(gwServer.spanId);
    expect(ingServer.parentSpanId).toBe(forward.spanId);
    expect(sendIngested.parentSpanId).toBe(ingServer.spanId);
    expect(scoringTakes.parentSpanId).toBe(sendIngested.spanId);
    expect(kpiIngested.parentSpanId).toBe(sendIngested.spanId);
    expect(sendScored.parentSpanId).toBe(scoringTakes.spanId);
    expect(sendDetected.parentSpanId).toBe(scoringTakes.spanId);
    expect(complaintsTakes.parentSpanId).toBe(sendDetected.spanId);
    expect(sendOpened.parentSpanId).toBe(complaintsTakes.spanId);
    expect(kpiScored.parentSpanId).toBe(sendScored.spanId);
    expect(kpiOpened.parentSpanId).toBe(sendOpened.spanId);
    // No span of the trace hangs from a parent that was never exported (but the client's).
    const ids = new Set(inTrace().map((s) => s.spanId));
    const orphans = inTrace().filter(
      (s) => s.parentSpanId && s.parentSpanId !== clientSpanId && !ids.has(s.parentSpanId),
    );
    expect(orphans.map((s) => `${s.service} ${s.name}`)).toEqual([]);

    // Every service's log lines for the call carry the trace id (debug: the access log, the
    // forward, each applied event).
    const lines = (app: App) =>
      services
        .get(app)!
        .output.split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.trace_id === traceId);
    const msgs = (app: App) => lines(app).map((l) => l.msg);
    expect(msgs('gateway')).toContain('forwarded');
    expect(msgs('ingestion')).toContain('request completed');
    for (const app of ['scoring', 'complaints', 'kpi'] as App[])
      expect(msgs(app)).toContain('event applied');
    // Each line names the span it was written in, one of the trace's.
    for (const app of ['gateway', 'ingestion', 'scoring', 'complaints', 'kpi'] as App[])
      for (const l of lines(app)) expect(ids.has(String(l.span_id))).toBe(true);
  }, 300_000);
});
