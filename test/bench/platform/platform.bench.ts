import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { BENCH_COMPANY, seededCalls } from '../transcripts';
import { EvaluationWatch } from './evaluation-watch';
import { GatewayClient } from './gateway-client';
import { kpiFreshnessThroughGateway, KpiWatch } from './kpi-watch';
import { ServiceMeter } from './service-meter';

const exec = promisify(execFile);
const root = join(__dirname, '..', '..', '..');

/** The figures of issue 11, measured before the set-based pipeline (same machine). */
export const BASELINE = {
  sustainedCallsPerSecond: 265, // 250–280 end to end, batches of 500
  batchAcceptedCallsPerSecond: 1800,
  at100: { httpP99Ms: 258, e2eP50Ms: 436, e2eP99Ms: 1200 },
  at200: { achievedPerSecond: 173, httpP50Ms: 6000, e2eP99Ms: 27000 },
  rescoreCallsPerSecond: { real: 440, dryRun: 2200 },
  ingestionRssMB: 450,
};

export interface PlatformBenchOptions {
  calls: number;
  batchSize: number;
  batchConcurrency: number;
  /** Seconds per fixed single-POST rate. */
  seconds: number;
  rates: number[];
  restart: boolean;
  rescore: boolean;
  /** Wait for the kpi service too and measure ingest → SSE freshness (`--no-kpi`: kpi not running). */
  kpi: boolean;
  kpiRate: number;
  kpiSeconds: number;
  /** Only the ingest → SSE freshness run (`--kpi-only`), on a platform nothing else loads. */
  kpiOnly: boolean;
}

const pct = (sorted: number[], p: number) =>
  sorted.length === 0
    ? null
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99), max: s[s.length - 1] ?? null };
};
const ratio = (better: number | null, base: number, higherIsBetter: boolean) =>
  better === null || better === 0
    ? null
    : Number((higherIsBetter ? better / base : base / better).toFixed(2));
const NODE_SERVICES = ['gateway', 'ingestion', 'scoring', 'complaints', 'kpi'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The gateway's health with every part up but kpi (`--no-kpi`: the pipeline without it). */
function onlyKpiDown(body: string): boolean {
  try {
    const down = Object.keys((JSON.parse(body) as { error?: object }).error ?? {});
    return down.length === 1 && down[0] === 'kpi';
  } catch {
    return false;
  }
}

/** Each phase scores calls started in its own window, so its evaluations are found by index. */
const PHASE_SPAN = 200_000;
const BASE_MS = Date.UTC(2026, 10, 22, 1, 0, 0);
function phaseCalls(runId: string, tenantId: string, phase: number) {
  const next = seededCalls(7 + phase, tenantId);
  const first = phase * PHASE_SPAN;
  return {
    call: (i: number) => next(first + i, `${runId}-p${phase}-${i}`),
    window: {
      from: new Date(BASE_MS + first * 60_000).toISOString(),
      to: new Date(BASE_MS + (first + PHASE_SPAN) * 60_000).toISOString(),
    },
  };
}

/**
 * `npm run bench -- pipeline`: the platform as `npm start` runs it, driven through the gateway
 * on :3000 by a load generator with bounded concurrency on the same machine.
 */
export async function runPlatformBench(opts: PlatformBenchOptions) {
  const gateway = new URL(process.env.BENCH_GATEWAY_URL ?? 'http://127.0.0.1:3000');
  const db = new Client({
    connectionString: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qa',
  });
  await db.connect();
  const client = new GatewayClient(gateway, 512);
  const meter = () => new ServiceMeter(root);
  try {
    const health = await client.send('GET', '/health').catch(() => null);
    if (health?.status !== 200 && !(health && !opts.kpi && onlyKpiDown(health.body)))
      throw new Error(`no platform on ${gateway.href}: run npm start`);
    const runId = randomUUID().slice(0, 8);
    const tenantId = `bench-${runId}`;
    await setUpTenant(client, tenantId);
    const watch = (phase: number) => {
      const { window } = phaseCalls(runId, tenantId, phase);
      return new EvaluationWatch(db, tenantId, window.from, window.to);
    };
    const kpiWatch = (phase: number) => {
      const { window } = phaseCalls(runId, tenantId, phase);
      return new KpiWatch(db, tenantId, window.from, window.to);
    };
    let phase = 0;
    if (opts.kpiOnly) {
      const calls = phaseCalls(runId, tenantId, phase);
      return {
        benchmark: 'ingest → KPI stream update (npm start, through the gateway)',
        tenantId,
        kpiFreshness: await kpiFreshnessThroughGateway(client, gateway, kpiWatch(phase), {
          rate: opts.kpiRate,
          seconds: opts.kpiSeconds,
          call: (i) => calls.call(i),
        }),
      };
    }

    // 1. Sustained: batches through the gateway, every call to a stored evaluation.
    const sustained = await sustainedRun(
      client,
      opts,
      phaseCalls(runId, tenantId, phase),
      watch(phase),
      meter(),
      opts.kpi ? kpiWatch(phase) : undefined,
    );
    phase++;

    // 2. Fixed single-POST rates, then higher rates until HTTP p99 reaches 100 ms.
    const fixed: Awaited<ReturnType<typeof singlePosts>>[] = [];
    for (const rate of opts.rates) {
      fixed.push(
        await singlePosts(
          client,
          rate,
          opts.seconds,
          phaseCalls(runId, tenantId, phase),
          watch(phase),
          meter(),
        ),
      );
      phase++;
    }
    const ramp = [...fixed];
    for (const rate of [300, 400, 700, 1000, 1400, 2000]) {
      if (opts.rates.includes(rate)) continue;
      const lower = ramp.filter((x) => x.offeredPerSecond < rate);
      if (lower.some((x) => !passes(x))) break;
      ramp.push(
        await singlePosts(
          client,
          rate,
          Math.max(5, opts.seconds / 2),
          phaseCalls(runId, tenantId, phase),
          watch(phase),
          meter(),
        ),
      );
      phase++;
    }
    const passing = ramp.filter(passes).sort((a, b) => b.offeredPerSecond - a.offeredPerSecond);

    // 3. Consumers after a broker restart.
    const restart = opts.restart
      ? await brokerRestart(client, phaseCalls(runId, tenantId, phase), watch(phase))
      : 'skipped (--no-restart)';
    phase++;

    // 4. Re-scoring every call of the sustained run with a new scorecard version.
    const rescoring = opts.rescore
      ? await rescore(client, phaseCalls(runId, tenantId, 0).window, sustained.calls)
      : 'skipped (--no-rescore)';

    // 5. Ingest → KPI update on the stream, through the gateway. Last: its calls end now, inside
    // the first phase's window, which the re-scoring above reads.
    phase++;
    const kpiCalls = phaseCalls(runId, tenantId, phase);
    const kpi = opts.kpi
      ? await kpiFreshnessThroughGateway(client, gateway, kpiWatch(phase), {
          rate: opts.kpiRate,
          seconds: opts.kpiSeconds,
          call: (i) => kpiCalls.call(i),
        })
      : 'skipped (--no-kpi)';

    const at = (rate: number) => fixed.find((x) => x.offeredPerSecond === rate);
    return {
      benchmark: 'platform pipeline (npm start, through the gateway)',
      machine: {
        cpus: cpus().length,
        node: process.version,
        note: 'shared with other engineers compiling and testing during the run',
      },
      tenantId,
      sustained: {
        ...sustained,
        baseline: { endToEndCallsPerSecond: '250–280', acceptedCallsPerSecond: 1800 },
        ratio: {
          endToEnd: ratio(sustained.endToEndCallsPerSecond, BASELINE.sustainedCallsPerSecond, true),
          accepted: ratio(
            sustained.acceptedCallsPerSecond,
            BASELINE.batchAcceptedCallsPerSecond,
            true,
          ),
        },
      },
      singlePost: fixed.map((x) => ({ ...x, ...baselineFor(x) })),
      highestSinglePostRateWithHttpP99Under100ms: passing[0]
        ? { offeredPerSecond: passing[0].offeredPerSecond, httpMs: passing[0].httpMs }
        : null,
      ramp: ramp.map((x) => ({
        offeredPerSecond: x.offeredPerSecond,
        achievedPerSecond: x.achievedPerSecond,
        httpP99Ms: x.httpMs.p99,
        evaluated: x.evaluated,
      })),
      targets: {
        sustainedAtLeast1000: sustained.endToEndCallsPerSecond >= 1000,
        at200E2eP99Under500ms: (at(200)?.ingestToEvaluationStoredMs.p99 ?? Infinity) < 500,
        at200HttpP99Under50ms: (at(200)?.httpMs.p99 ?? Infinity) < 50,
        resumeWithin15s:
          typeof restart === 'object' &&
          restart.resumeSeconds !== null &&
          restart.resumeSeconds <= 15,
        rescoreAtLeast3500: typeof rescoring === 'object' && rescoring.real.callsPerSecond >= 3500,
        everyServiceUnder300MB: NODE_SERVICES.every(
          (name) => (sustained.services[name]?.peakRssMB ?? 0) < 300,
        ),
        kpiStreamP99Under1s:
          typeof kpi === 'object' && (kpi.ingestToStreamedUpdateMs.p99Ms ?? Infinity) < 1000,
      },
      kpiFreshness: kpi,
      brokerRestart: restart,
      rescoring,
    };
  } finally {
    client.close();
    await db.end();
  }
}

function passes(x: {
  httpMs: { p99: number | null };
  offeredPerSecond: number;
  achievedPerSecond: number;
  failed: number;
}) {
  return (
    (x.httpMs.p99 ?? Infinity) < 100 &&
    x.failed === 0 &&
    x.achievedPerSecond >= 0.95 * x.offeredPerSecond
  );
}

function baselineFor(x: {
  offeredPerSecond: number;
  httpMs: { p50: number | null; p99: number | null };
  ingestToEvaluationStoredMs: { p50: number | null; p99: number | null };
  achievedPerSecond: number;
}) {
  if (x.offeredPerSecond === 100) {
    const b = BASELINE.at100;
    return {
      baseline: { httpP99Ms: b.httpP99Ms, e2eP50Ms: b.e2eP50Ms, e2eP99Ms: b.e2eP99Ms },
      ratio: {
        httpP99: ratio(x.httpMs.p99, b.httpP99Ms, false),
        e2eP50: ratio(x.ingestToEvaluationStoredMs.p50, b.e2eP50Ms, false),
        e2eP99: ratio(x.ingestToEvaluationStoredMs.p99, b.e2eP99Ms, false),
      },
    };
  }
  if (x.offeredPerSecond === 200) {
    const b = BASELINE.at200;
    return {
      baseline: {
        achievedPerSecond: b.achievedPerSecond,
        httpP50Ms: b.httpP50Ms,
        e2eP99Ms: b.e2eP99Ms,
      },
      ratio: {
        achieved: ratio(x.achievedPerSecond, b.achievedPerSecond, true),
        httpP50: ratio(x.httpMs.p50, b.httpP50Ms, false),
        e2eP99: ratio(x.ingestToEvaluationStoredMs.p99, b.e2eP99Ms, false),
      },
    };
  }
  return { baseline: 'none measured at this rate' };
}

/** The platform admin's password: the environment's, else the one npm start generated. */
function adminPassword(): string {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const file = join(process.env.QA_RUN_DIR ?? join(root, '.run'), 'secrets.env');
  const line = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .find((l) => l.startsWith('ADMIN_PASSWORD='))
    : undefined;
  if (!line) throw new Error(`no ADMIN_PASSWORD in the environment or in ${file}`);
  return line.slice('ADMIN_PASSWORD='.length);
}

async function setUpTenant(client: GatewayClient, tenantId: string): Promise<void> {
  await client.login(process.env.BENCH_ADMIN_USER ?? 'admin', adminPassword());
  await client.json('POST', '/api/v1/tenants', {
    tenantId,
    name: tenantId,
    companyName: BENCH_COMPANY,
    secondsPerRing: 3,
    timezone: 'Asia/Shanghai',
  });
  const username = `${tenantId}-admin`;
  const password = `Bq!${randomBytes(18).toString('base64url')}`;
  await client.json('POST', '/api/v1/users', { username, password, role: 'admin', tenantId });
  await client.login(username, password);
  // Scoring installs the tenant's default scorecard on qa.tenant.upserted.v1.
  for (let i = 0; i < 100; i++) {
    const a = await client.send('GET', '/api/v1/scorecards');
    if (a.status === 200 && (JSON.parse(a.body) as unknown[]).length > 0) return;
    await sleep(200);
  }
  throw new Error('the bench tenant has no scorecard after 20 s');
}

type Calls = ReturnType<typeof phaseCalls>;

async function sustainedRun(
  client: GatewayClient,
  opts: PlatformBenchOptions,
  calls: Calls,
  watch: EvaluationWatch,
  meter: ServiceMeter,
  kpiWatch?: KpiWatch,
) {
  const batches = Math.ceil(opts.calls / opts.batchSize);
  let next = 0;
  let accepted = 0;
  let other = 0;
  const batchMs: number[] = [];
  meter.begin();
  const t0 = Date.now();
  const lane = async () => {
    while (next < batches) {
      const b = next++;
      const from = b * opts.batchSize;
      const n = Math.min(opts.batchSize, opts.calls - from);
      const body = JSON.stringify(Array.from({ length: n }, (_, k) => calls.call(from + k)));
      const s = Date.now();
      const a = await client.send('POST', '/api/v1/calls/batch', body);
      batchMs.push(Date.now() - s);
      if (a.status >= 300) throw new Error(`batch answered ${a.status}: ${a.body.slice(0, 300)}`);
      const res = JSON.parse(a.body) as { accepted: number; duplicate: number; rejected: number };
      // A batch sent again after a stale socket may have been stored the first time.
      accepted += res.accepted + (a.retried ? res.duplicate : 0);
      other += (a.retried ? 0 : res.duplicate) + res.rejected;
    }
  };
  await Promise.all(Array.from({ length: opts.batchConcurrency }, lane));
  const acceptedAt = Date.now();
  // Polled once a second: a scan of the phase's evaluations must not load the machine it measures.
  const deadline = Date.now() + 15 * 60_000;
  while (watch.seenAt.size < accepted && Date.now() < deadline) {
    await watch.poll();
    if (watch.seenAt.size < accepted) await sleep(1000);
  }
  // The kpi service consumes the same events beside scoring (and scoring's): its own rate.
  const kpiDone = kpiWatch ? await kpiWatch.until(accepted, 10 * 60_000) : undefined;
  const services = meter.end();
  const lastSeen = Math.max(...watch.seenAt.values());
  const lastCreated = Math.max(...watch.createdAt.values());
  const counts = await watch.counts();
  const perSecond = (at: number | null | undefined) =>
    at ? Math.round(accepted / ((at - t0) / 1000)) : null;
  return {
    calls: opts.calls,
    batchSize: opts.batchSize,
    batchesInFlight: opts.batchConcurrency,
    accepted,
    notAccepted: other,
    evaluations: counts.evaluations,
    evaluatedCalls: counts.calls,
    exactlyOneEvaluationPerCall: counts.evaluations === accepted && counts.calls === accepted,
    acceptedCallsPerSecond: Math.round(accepted / ((acceptedAt - t0) / 1000)),
    // First request → last evaluation committed (seen by a 1 s poll: a late bound) …
    endToEndCallsPerSecond: Math.round(counts.calls / ((lastSeen - t0) / 1000)),
    // … and → the last storing transaction's start (an early bound).
    endToEndCallsPerSecondByCreatedAt: Math.round(counts.calls / ((lastCreated - t0) / 1000)),
    lastScoredAfterLastAcceptedMs: lastCreated - acceptedAt,
    // First request → the kpi service holding every evaluation as a fact / every minute aggregated
    // (1 s polls: late bounds).
    kpi: kpiDone
      ? {
          evaluationFacts: kpiDone.facts,
          consumerCallsPerSecond: perSecond(kpiDone.factsAt),
          aggregatedCallsPerSecond: perSecond(kpiDone.aggregatedAt),
          factsBehindScoringMs: kpiDone.factsAt === null ? null : kpiDone.factsAt - lastSeen,
        }
      : 'skipped (--no-kpi)',
    batchHttpMs: summary(batchMs),
    services,
    // CPU per call hardly depends on what else runs on the machine; rates do.
    cpuMsPerCall: Object.fromEntries(
      Object.entries(services).map(([name, u]) => [
        name,
        Number(((u.cpuSeconds * 1000) / Math.max(1, accepted)).toFixed(3)),
      ]),
    ),
  };
}

async function singlePosts(
  client: GatewayClient,
  rate: number,
  seconds: number,
  calls: Calls,
  watch: EvaluationWatch,
  meter: ServiceMeter,
  maxInFlight = 256,
) {
  const total = Math.round(rate * seconds);
  const sentAt = new Map<string, number>();
  const httpMs: number[] = [];
  let failed = 0;
  let inFlight = 0;
  let freed: (() => void) | undefined;
  const done: Promise<void>[] = [];
  meter.begin();
  const t0 = Date.now();
  for (let i = 0; i < total; i++) {
    const wait = t0 + (i * 1000) / rate - Date.now();
    if (wait > 0) await sleep(wait);
    // Bounded concurrency: past the bound the generator waits, and the achieved rate shows it.
    while (inFlight >= maxInFlight) await new Promise<void>((r) => (freed = r));
    const call = calls.call(i);
    const body = JSON.stringify(call);
    const s = Date.now();
    sentAt.set(call.callId, s);
    inFlight++;
    done.push(
      client
        .send('POST', '/api/v1/calls', body)
        .then((a) => {
          httpMs.push(Date.now() - s);
          if (a.status !== 201) failed++;
        })
        .catch(() => void failed++)
        .finally(() => {
          inFlight--;
          freed?.();
          freed = undefined;
        }),
    );
  }
  const sendSeconds = (Date.now() - t0) / 1000;
  await Promise.all(done);
  const evaluated = await watch.until(total - failed, 120_000);
  const services = meter.end();
  const stored: number[] = [];
  const visible: number[] = [];
  for (const [callId, at] of watch.createdAt) stored.push(at - sentAt.get(callId)!);
  for (const [callId, at] of watch.seenAt) visible.push(at - sentAt.get(callId)!);
  const counts = await watch.counts();
  return {
    offeredPerSecond: rate,
    seconds,
    sent: total,
    achievedPerSecond: Math.round(total / (sendSeconds + 1 / rate)),
    failed,
    evaluated,
    exactlyOneEvaluationPerCall:
      counts.evaluations === counts.calls && counts.calls === total - failed,
    httpMs: summary(httpMs),
    // To the storing transaction's start (created_at): an early bound.
    ingestToEvaluationStoredMs: summary(stored),
    // To the first 50 ms poll that saw it committed: a late bound.
    ingestToEvaluationVisibleMs: summary(visible),
    services,
  };
}

async function brokerRestart(client: GatewayClient, calls: Calls, watch: EvaluationWatch) {
  const n = 200;
  await exec('bash', [join(root, 'deploy/kafka/down.sh')], { timeout: 120_000 });
  const downAt = Date.now();
  // Accepted while the broker is away: they wait in ingestion's outbox.
  const body = JSON.stringify(Array.from({ length: n }, (_, i) => calls.call(i)));
  const a = await client.send('POST', '/api/v1/calls/batch', body);
  if (a.status >= 300) throw new Error(`batch during the outage answered ${a.status}`);
  await sleep(5000);
  const { stderr } = await exec('bash', [join(root, 'deploy/kafka/up.sh')], { timeout: 180_000 });
  const backAt = Date.now();
  const evaluated = await watch.until(n, 180_000);
  const lastSeen = watch.seenAt.size ? Math.max(...watch.seenAt.values()) : null;
  const firstSeen = watch.seenAt.size ? Math.min(...watch.seenAt.values()) : null;
  return {
    callsAcceptedDuringOutage: n,
    brokerDownSeconds: Number(((backAt - downAt) / 1000).toFixed(1)),
    brokerStart: stderr.trim().split('\n').pop(),
    evaluated,
    // From the broker answering again to the first / the last of those calls scored.
    firstScoredAfterBrokerBackSeconds:
      firstSeen === null ? null : Number(((firstSeen - backAt) / 1000).toFixed(1)),
    resumeSeconds:
      lastSeen === null || evaluated < n ? null : Number(((lastSeen - backAt) / 1000).toFixed(1)),
    counts: await watch.counts(),
  };
}

async function rescore(client: GatewayClient, window: { from: string; to: string }, calls: number) {
  const versions = await client.json<{ version: number; definition: Record<string, unknown> }[]>(
    'GET',
    '/api/v1/scorecards/default/versions',
  );
  const { definition } = versions[0];
  const next = await client.json<{ version: number }>(
    'POST',
    '/api/v1/scorecards/default/versions',
    {
      definition: { ...definition, name: `${String(definition.name)} (bench)` },
      activate: false,
    },
  );
  const runOnce = async (dryRun: boolean) => {
    const t0 = Date.now();
    const { jobId } = await client.json<{ jobId: string }>(
      'POST',
      `/api/v1/scorecards/default/versions/${next.version}/rescore`,
      { ...window, dryRun },
    );
    for (;;) {
      const job = await client.json<{
        state: string;
        result: { calls: number; scored: number } | null;
      }>('GET', `/api/v1/scorecards/rescore-jobs/${jobId}`);
      if (job.state === 'completed' && job.result) {
        const s = (Date.now() - t0) / 1000;
        return {
          seconds: Number(s.toFixed(1)),
          calls: job.result.calls,
          scored: job.result.scored,
          callsPerSecond: Math.round(job.result.calls / s),
        };
      }
      if (job.state === 'failed') throw new Error(`rescore job ${jobId} failed`);
      await sleep(250);
    }
  };
  const dryRun = await runOnce(true);
  const real = await runOnce(false);
  return {
    calls,
    scorecardVersion: next.version,
    dryRun: {
      ...dryRun,
      baselineCallsPerSecond: BASELINE.rescoreCallsPerSecond.dryRun,
      ratio: ratio(dryRun.callsPerSecond, BASELINE.rescoreCallsPerSecond.dryRun, true),
    },
    real: {
      ...real,
      baselineCallsPerSecond: BASELINE.rescoreCallsPerSecond.real,
      ratio: ratio(real.callsPerSecond, BASELINE.rescoreCallsPerSecond.real, true),
    },
  };
}

export function parsePlatformBenchArgs(argv: string[]): PlatformBenchOptions {
  const value = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const rates =
    argv.indexOf('--rates') >= 0
      ? argv[argv.indexOf('--rates') + 1].split(',').map(Number)
      : [100, 200, 500];
  return {
    calls: value('calls', 50_000),
    batchSize: value('batch', 500),
    batchConcurrency: value('lanes', 4),
    seconds: value('seconds', 10),
    rates,
    restart: !argv.includes('--no-restart'),
    rescore: !argv.includes('--no-rescore'),
    kpi: !argv.includes('--no-kpi'),
    kpiRate: value('kpi-rate', 200),
    kpiSeconds: value('kpi-seconds', 10),
    kpiOnly: argv.includes('--kpi-only'),
  };
}
