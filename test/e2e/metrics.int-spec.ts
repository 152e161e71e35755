import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { Topics } from '@qa/contracts';
import { createKafka } from '@qa/messaging';
import { asIdentity, sampleCall, startServices, waitFor } from '@qa/testing';
import { load } from 'js-yaml';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule as ComplaintsModule } from '../../apps/complaints/src/app.module';
import { complaintsServiceOptions } from '../../apps/complaints/src/complaints.options';
import { AppModule as IngestionModule } from '../../apps/ingestion/src/app.module';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';
import { AppModule as ScoringModule } from '../../apps/scoring/src/app.module';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';

const ROOT = join(__dirname, '../..');
const DASHBOARD = join(ROOT, 'deploy/grafana/qa-platform.json');
const ALERTS = join(ROOT, 'deploy/prometheus/alerts.yml');

/** Every metric name a dashboard panel or an alert rule queries. */
function metricNamesUsed(): string[] {
  const exprs = [
    ...(
      JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: { targets: { expr: string }[] }[] }
    ).panels.flatMap((p) => p.targets.map((t) => t.expr)),
    ...(
      load(readFileSync(ALERTS, 'utf8')) as { groups: { rules: { expr: string }[] }[] }
    ).groups.flatMap((g) => g.rules.map((r) => r.expr)),
  ];
  const names = exprs.flatMap((e) => e.match(/\b(?:qa|nodejs|process)_[a-z0-9_]+/g) ?? []);
  return [...new Set(names.map((n) => n.replace(/_(bucket|count|sum)$/, '')))].sort();
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/**
 * Issue 18 item 3: a real Prometheus (the Debian package setup.sh installs) scrapes ingestion,
 * scoring and complaints with the bearer token, loads the alert rules, and holds every metric the
 * Grafana dashboard and the alerts query.
 */
describe('metrics scraped by Prometheus', () => {
  const token = randomBytes(24).toString('base64url');
  const savedToken = process.env.METRICS_TOKEN;
  const tenantId = `t-${randomUUID().slice(0, 8)}`;
  const apps: INestApplication[] = [];
  let prometheus: ChildProcess | undefined;
  let promUrl = '';
  let dir = '';

  const query = async (q: string) => {
    const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(q)}`);
    return ((await res.json()) as { data: { result: { metric: Record<string, string> }[] } }).data
      .result;
  };

  beforeAll(async () => {
    process.env.METRICS_TOKEN = token;
    apps.push(
      ...(await startServices([
        [IngestionModule, ingestionServiceOptions],
        [ScoringModule, scoringServiceOptions],
        [ComplaintsModule, complaintsServiceOptions],
      ])),
    );
  });

  afterAll(async () => {
    prometheus?.kill('SIGTERM');
    if (prometheus && prometheus.exitCode === null)
      await new Promise((r) => prometheus!.once('exit', r));
    for (const app of apps.reverse()) await app.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    process.env.METRICS_TOKEN = savedToken;
  });

  it('answers /metrics only with the token once METRICS_TOKEN is set', async () => {
    const [ingestion] = apps;
    expect((await request(ingestion.getHttpServer()).get('/metrics')).status).toBe(403);
    const res = await request(ingestion.getHttpServer())
      .get('/metrics')
      .set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain('qa_http_request_duration_seconds_bucket');
  });

  it('holds every metric the dashboard and the alerts use, after real traffic and a dead letter', async () => {
    const [ingestion, scoring] = apps;
    const callId = `c-${randomUUID()}`;
    await request(ingestion.getHttpServer())
      .post('/api/v1/calls')
      .use(asIdentity({ tenantId, role: 'qa' }))
      .send(sampleCall({ callId, tenantId }))
      .expect(201);
    const db = scoring.get(DataSource);
    await waitFor('the call scored', async () => {
      const [r] = (await db.query(
        'SELECT count(*)::int AS n FROM scoring.evaluations WHERE tenant_id = $1',
        [tenantId],
      )) as { n: number }[];
      return r.n === 1;
    });
    const kafka = createKafka('metrics-test', process.env.KAFKA_BROKERS!.split(','));
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: Topics.CallIngested,
      messages: [{ key: `bad-${callId}`, value: Buffer.from('not protobuf') }],
    });
    await producer.disconnect();

    const prometheusBin = execFileSync('bash', ['-c', 'command -v prometheus || true'])
      .toString()
      .trim();
    expect(prometheusBin).not.toBe(''); // scripts/setup.sh --with-clients installs it
    dir = mkdtempSync(join(tmpdir(), 'qa-prom-'));
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    const targets = apps.map(
      (a) => `127.0.0.1:${(a.getHttpServer().address() as { port: number }).port}`,
    );
    writeFileSync(
      join(dir, 'prometheus.yml'),
      JSON.stringify({
        global: { scrape_interval: '1s', evaluation_interval: '1s' },
        rule_files: [ALERTS],
        scrape_configs: [
          { job_name: 'qa', authorization: { credentials: token }, static_configs: [{ targets }] },
        ],
      }),
    );
    prometheus = spawn(
      prometheusBin,
      [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: 'ignore' },
    );
    await waitFor(
      'Prometheus to scrape all three services',
      async () => (await query('up == 1')).length === 3,
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    await waitFor(
      'the dead letter counted',
      async () => (await query('qa_dead_letters_total{topic="qa.call.ingested.v1"}')).length > 0,
      { timeoutMs: 60_000, intervalMs: 500 },
    );

    const names = metricNamesUsed();
    expect(names).toEqual(
      expect.arrayContaining([
        'nodejs_eventloop_lag_p99_seconds',
        'qa_consumer_lag',
        'qa_dead_letters_total',
        'qa_events_published_total',
        'qa_http_request_duration_seconds',
        'qa_jobs',
        'qa_outbox_backlog',
        'qa_outbox_oldest_age_seconds',
      ]),
    );
    const missing: string[] = [];
    for (const name of names) {
      const series = await query(`count by (__name__) ({__name__=~"${name}(_bucket)?"})`);
      if (series.length === 0) missing.push(name);
    }
    expect(missing).toEqual([]);
    const scored = await query(
      'qa_events_published_total{topic="qa.evaluation.scored.v1",service="scoring"}',
    );
    expect(scored).toHaveLength(1);
    const lag = await query('qa_consumer_lag{group=~".*scoring",topic="qa.call.ingested.v1"}');
    expect(lag.length).toBeGreaterThan(0);

    const rules = (await (await fetch(`${promUrl}/api/v1/rules`)).json()) as {
      data: { groups: { rules: { name: string; health: string }[] }[] };
    };
    const loaded = rules.data.groups.flatMap((g) => g.rules);
    expect(loaded.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'QaConsumerLagHigh',
        'QaOutboxStuck',
        'QaSlaBreaches',
        'QaDeadLetters',
      ]),
    );
  });
});
