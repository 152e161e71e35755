/**
 * The fault test (`npm run test:faults`): the whole platform as `npm start` runs it, 20,000 calls
 * through the gateway while services are SIGKILLed, the broker and Redis restarted and Postgres
 * refuses connections; then every count is checked and printed. Exit 0 when all hold, 1 otherwise.
 * FAULT_SEED replays a run's schedule; see README "Testing" for the other knobs.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Topics } from '@qa/contracts';
import { createKafka } from '@qa/messaging';
import { brokerControl, sleep } from '@qa/testing';
import { Client } from 'pg';
import { GatewayClient } from '../bench/platform/gateway-client';
import { seededRandom } from '../bench/transcripts';
import { answers, freePort, OwnRedis, PostgresProxy, ServiceKiller } from './chaos';
import { ComplaintLead } from './complaint-lead';
import { deadLettersSince, dlqEnds } from './dead-letters';
import { dropGroups, startGroupsAtEnd } from './groups';
import { drive } from './drive';
import { FAULT_COMPANY, faultCalls } from './fault-calls';
import {
  callChecks,
  Check,
  complaintChecks,
  deliveryChecks,
  kpiFactChecks,
  timerChecks,
} from './fault-checks';
import { settle } from './settle';

const exec = promisify(execFile);
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
const root = join(__dirname, '..', '..');
const env = process.env;
const seed = Number(env.FAULT_SEED ?? randomBytes(4).readUInt32BE(0) % 1_000_000);
const TOTAL = Number(env.FAULT_CALLS ?? 20_000);
const DRIVE_S = Number(env.FAULT_DRIVE_SECONDS ?? 90);
const SETTLE_S = Number(env.FAULT_SETTLE_SECONDS ?? 150);
const KILLED = ['ingestion', 'scoring', 'complaints', 'kpi'];
const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1);
const log = (msg: string) => console.log(`[faults ${secs().padStart(6)} s] ${msg}`);

const brokerRun = env.QA_RUN_DIR ?? join(root, '.run');
const platformRun = join(brokerRun, 'faults');
const kafkaPort = Number(env.KAFKA_PORT ?? 9092);
const pgUrl = new URL(env.FAULT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const dbName = env.FAULT_DATABASE ?? 'qa_faults';

async function portBase(): Promise<number> {
  for (let base = Number(env.QA_PORT_BASE ?? 4010); base < 65_000; base += 10) {
    const taken = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => answers(base + i)));
    if (!taken.some(Boolean)) return base;
  }
  throw new Error('no six free ports for the platform');
}

/** Our broker on KAFKA_PORT (its pid file in QA_RUN_DIR), started if none answers. */
async function ensureOwnBroker(): Promise<void> {
  if (!(await answers(kafkaPort))) return brokerControl.start();
  const pidFile = join(brokerRun, 'kafka', 'kafka.pid');
  const pid = existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() : '';
  const cmd =
    pid && existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (!cmd.includes('kafka.Kafka'))
    throw new Error(
      `the broker on ${kafkaPort} was not started from ${brokerRun} (deploy/kafka/up.sh): the fault test restarts its broker, so give it its own (KAFKA_PORT, QA_RUN_DIR)`,
    );
}

async function freshDatabase(): Promise<string> {
  const admin = new Client({ connectionString: pgUrl.href });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const u = new URL(pgUrl.href);
  u.pathname = `/${dbName}`;
  return u.href;
}

interface FaultEvent {
  at: number;
  what: string;
  run: () => Promise<void>;
}

/** The seeded schedule: each of the four services killed twice, one broker, Redis and DB outage. */
function schedule(
  r: () => number,
  tools: { killer: ServiceKiller; redis: OwnRedis; proxy: PostgresProxy },
): FaultEvent[] {
  const span = (DRIVE_S - 10) * 1000;
  const at = () => 5000 + Math.floor(r() * span);
  const events: FaultEvent[] = [];
  for (const app of KILLED) {
    const first = at();
    const second = 5000 + ((first - 5000 + span / 3 + Math.floor((r() * span) / 3)) % span);
    for (const when of [first, second]) {
      const down = Math.floor(r() * 3000);
      events.push({
        at: when,
        what: `SIGKILL ${app}, restart after ${down} ms`,
        run: () => tools.killer.killAndRestart(app, down),
      });
    }
  }
  const redisDown = 1000 + Math.floor(r() * 3000);
  events.push({
    at: at(),
    what: `restart Redis (down ${redisDown} ms)`,
    run: () => tools.redis.restart(redisDown),
  });
  const pgDown = 3000 + Math.floor(r() * 3000);
  events.push({
    at: at(),
    what: `Postgres refuses connections for ${pgDown} ms`,
    run: async () => {
      await tools.proxy.refuse();
      await sleep(pgDown);
      await tools.proxy.open();
    },
  });
  events.push({
    at: 10_000 + Math.floor(r() * (span / 2)),
    what: 'restart the Kafka broker (down.sh, up.sh)',
    run: async () => {
      await brokerControl.stop();
      await brokerControl.start();
    },
  });
  return events.sort((a, b) => a.at - b.at);
}

async function runFaults(events: FaultEvent[], start: number): Promise<string[]> {
  const done: string[] = [];
  await Promise.all(
    events.map(async (e) => {
      const wait = start + e.at - Date.now();
      if (wait > 0) await sleep(wait);
      const s = Date.now();
      log(`fault: ${e.what}`);
      const failed = await e.run().then(
        () => '',
        (err: Error) => `, FAILED: ${err.message}`,
      );
      done.push(
        `${((s - start) / 1000).toFixed(1)} s: ${e.what} (took ${Date.now() - s} ms${failed})`,
      );
    }),
  );
  return done.sort((a, b) => parseFloat(a) - parseFloat(b));
}

async function main(): Promise<number> {
  log(`seed ${seed} (replay with FAULT_SEED=${seed}); ${TOTAL} calls over ${DRIVE_S} s`);
  const r = seededRandom(seed);
  await ensureOwnBroker();
  const directUrl = await freshDatabase();
  log(`broker :${kafkaPort} ours; database ${dbName} created`);
  const redis = new OwnRedis(await freePort());
  await redis.start();
  const proxy = new PostgresProxy(await freePort(), {
    host: pgUrl.hostname,
    port: Number(pgUrl.port || 5432),
  });
  await proxy.open();
  const proxiedUrl = new URL(directUrl);
  proxiedUrl.port = String(proxy.port);
  const base = await portBase();
  const runId = `f${seed.toString(36)}-${randomUUID().slice(0, 4)}`;
  // The test broker's topics hold earlier tests' events: the run's own consumer groups start
  // at their ends, so the platform consumes only what this run produces.
  const groupPrefix = `faults.${runId}.`;
  mkdirSync(platformRun, { recursive: true });
  const platformEnv = {
    ...env,
    QA_RUN_DIR: platformRun,
    QA_PORT_BASE: String(base),
    DATABASE_URL: proxiedUrl.href,
    REDIS_URL: redis.url,
    KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
    LOG_LEVEL: env.FAULT_LOG_LEVEL ?? 'warn',
    KAFKA_GROUP_PREFIX: groupPrefix,
  };
  const db = new Client({ connectionString: directUrl });
  const kafka = createKafka('qa-faults', [`127.0.0.1:${kafkaPort}`]);
  const client = new GatewayClient(new URL(`http://127.0.0.1:${base}`), 64);
  const stopPlatform = () =>
    exec('bash', [join(root, 'scripts', 'stop.sh'), '--keep-kafka'], { env: platformEnv }).catch(
      () => undefined,
    );
  let killer: ServiceKiller | undefined;
  let cleaned = false;
  const cleanUp = async () => {
    if (cleaned) return;
    cleaned = true;
    killer?.stopSupervising();
    client.close();
    await db.end().catch(() => undefined);
    await stopPlatform();
    if (!(await answers(kafkaPort))) await brokerControl.start().catch(() => undefined);
    await proxy.close();
    await redis.remove();
    await dropGroups(kafka, groupPrefix).catch(() => undefined);
  };
  onSignal = cleanUp;
  try {
    await stopPlatform();
    await startGroupsAtEnd(kafka, groupPrefix);
    log(`consumer groups ${groupPrefix}* set at the topics' ends`);
    log(
      `starting the platform (scripts/platform.sh, gateway :${base}, Redis :${redis.port}, Postgres via :${proxy.port}, broker :${kafkaPort})`,
    );
    const started = Date.now();
    await exec('bash', [join(root, 'scripts', 'platform.sh')], {
      env: platformEnv,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((err: { stderr?: string; message: string }) => {
      throw new Error(
        `platform.sh failed: ${err.stderr?.split('\n').slice(-30).join('\n') ?? err.message}`,
      );
    });
    log(`platform up in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    await db.connect();

    const tenantId = `faults-${runId}`;
    await setUpTenant(client, tenantId);
    const admin = kafka.admin();
    await admin.connect();
    const dlqFrom = await dlqEnds(admin);
    await admin.disconnect();
    const bad = await injectBadRaw(kafka, runId);

    const lead = new ComplaintLead(client, db, tenantId, seed);
    let leading = true;
    const leadLoop = (async () => {
      while (leading) {
        await lead.pass().catch(() => lead.apiErrors++);
        await sleep(1500);
      }
    })();
    const baseMs = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3 * 3_600_000;
    killer = new ServiceKiller(platformRun, [...KILLED, 'gateway', 'coaching'], secs);
    killer.supervise();
    const driveStart = Date.now();
    const faults = runFaults(schedule(r, { killer, redis, proxy }), driveStart);
    const drove = await drive(client, faultCalls(seed, tenantId, runId, baseMs), {
      total: TOTAL,
      batchSize: 250,
      seconds: DRIVE_S,
      onCall: (c) => lead.remember(c),
    });
    log(
      `drove ${TOTAL} calls in ${((Date.now() - driveStart) / 1000).toFixed(0)} s: ${drove.accepted.size} stored, ${drove.rejected.length} rejected, ${drove.retries} batches sent again`,
    );
    const timeline = await faults;

    const expected = {
      tenantId,
      accepted: drove.accepted,
      callbackCalls: lead.callbackCalls,
      noAnswerTickets: lead.noAnswerRecorded,
    };
    const settled = await settle({
      db,
      kafka,
      lead,
      expected,
      log,
      seconds: SETTLE_S,
      groupPrefix,
    });
    leading = false;
    await leadLoop;
    killer.stopSupervising();
    for (const id of lead.callbackCalls.keys()) drove.accepted.set(id, { answered: true });

    const now = new Date();
    const checks: Check[] = [
      {
        name: 'calls driven through the gateway',
        ok: drove.accepted.size >= 20_000 || TOTAL < 20_000,
        detail: `${drove.accepted.size} stored (${Object.entries(drove.byKind)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}, callback ${lead.callbackCalls.size}); rejected ${drove.rejected.length}`,
      },
      {
        name: 'the platform settled (no lag, no backlog)',
        ok: settled.ok,
        detail: settled.detail,
      },
      ...(await callChecks(db, expected)),
      ...(await complaintChecks(db, expected)),
      ...(await timerChecks(db, expected, now)),
      ...(await deliveryChecks(db)),
      ...(await kpiFactChecks(db, tenantId)),
      await kpiRebuildCheck(directUrl, tenantId, baseMs),
      await deadLetterCheck(kafka, dlqFrom, bad),
      servicesCheck(killer),
    ];
    console.log(`\nFaults injected (seed ${seed}):\n  ${timeline.join('\n  ')}`);
    console.log(`Complaint lead: ${lead.apiErrors} API answers other than success, retried`);
    console.log(`\nChecks:`);
    for (const c of checks) console.log(`  ${c.ok ? '✔' : '✘'} ${c.name}: ${c.detail}`);
    const failed = checks.filter((c) => !c.ok);
    console.log(
      failed.length
        ? `\nFAULT TEST FAILED (${failed.length} checks; seed ${seed}; logs in ${platformRun}/logs) in ${secs()} s`
        : `\nfault test passed in ${secs()} s (seed ${seed})`,
    );
    return failed.length ? 1 : 0;
  } finally {
    await cleanUp();
  }
}

async function setUpTenant(client: GatewayClient, tenantId: string): Promise<void> {
  const secrets = readFileSync(join(platformRun, 'secrets.env'), 'utf8');
  const password = /^ADMIN_PASSWORD=(.*)$/m.exec(secrets)?.[1] ?? '';
  await client.login('admin', password);
  await client.json('POST', '/api/v1/tenants', {
    tenantId,
    name: tenantId,
    companyName: FAULT_COMPANY,
    secondsPerRing: 3,
    timezone: 'Asia/Shanghai',
  });
  const username = `${tenantId}-admin`;
  const userPass = `Fq!${randomBytes(18).toString('base64url')}`;
  await client.json('POST', '/api/v1/users', {
    username,
    password: userPass,
    role: 'admin',
    tenantId,
  });
  await client.login(username, userPass);
  for (let i = 0; ; i++) {
    const a = await client.send('GET', '/api/v1/scorecards');
    if (a.status === 200 && (JSON.parse(a.body) as unknown[]).length > 0) break;
    if (i > 150) throw new Error('the tenant has no scorecard after 30 s');
    await sleep(200);
  }
  // Deadlines the run sees pass: accept in 1 min, the callback in 2 min, a retry after 15 s; a
  // calendar of every minute, so working-time bases count like the clock.
  await client.json('PUT', '/api/v1/complaints/settings', {
    sla: {
      accept: { basis: 'calendar', minutes: 1 },
      reply: { basis: 'calendar', minutes: 30 },
      callback: { basis: 'calendar', minutes: 2 },
    },
    callbackRetry: { attempts: 2, delayMinutes: 0.25 },
    calendar: {
      periods: [{ start: '00:00', end: '24:00' }],
      weekdays: [0, 1, 2, 3, 4, 5, 6],
      holidaySource: 'none',
      holidays: [],
      workdays: [],
    },
  });
}

/** A few records on qa.call.raw.v1 that are not calls: the dead letters the run expects. */
async function injectBadRaw(kafka: ReturnType<typeof createKafka>, runId: string) {
  const producer = kafka.producer();
  await producer.connect();
  const keys = [0, 1, 2].map((i) => `${runId}-bad-${i}`);
  await producer.send({
    topic: Topics.CallRaw,
    messages: [
      { key: keys[0], value: '{"callId": "not json' },
      { key: keys[1], value: JSON.stringify({ callId: keys[1], tenantId: 'x' }) },
      { key: keys[2], value: Buffer.from([0xff, 0xfe, 0x00]) },
    ],
  });
  await producer.disconnect();
  return new Set(keys);
}

async function kpiRebuildCheck(url: string, tenantId: string, baseMs: number): Promise<Check> {
  const from = new Date(baseMs - 86_400_000).toISOString();
  const to = new Date(Date.now() + 86_400_000).toISOString();
  const out = await exec(
    'node',
    [
      '-r',
      '@swc-node/register',
      'scripts/kpi-rebuild.ts',
      '--from',
      from,
      '--to',
      to,
      '--tenant',
      tenantId,
    ],
    { cwd: root, env: { ...env, DATABASE_URL: url }, maxBuffer: 64 * 1024 * 1024 },
  ).catch((err: { stdout?: string; message: string }) => ({
    stdout: err.stdout ?? '',
    error: err.message,
  }));
  try {
    const report = JSON.parse(out.stdout) as {
      buckets: number;
      corrected: number;
      byWindow: Record<string, number>;
      examples: unknown[];
    };
    return {
      name: 'every KPI aggregate = its recomputation from the stored facts (kpi:rebuild)',
      ok: report.buckets > 0 && report.corrected === 0,
      detail: `${report.buckets} buckets recomputed, ${report.corrected} differed${report.corrected ? `: ${JSON.stringify(report.examples.slice(0, 3))}` : ''}`,
    };
  } catch {
    return {
      name: 'KPI recomputation',
      ok: false,
      detail: `kpi:rebuild did not report: ${'error' in out ? out.error : out.stdout.slice(0, 300)}`,
    };
  }
}

async function deadLetterCheck(
  kafka: ReturnType<typeof createKafka>,
  from: Awaited<ReturnType<typeof dlqEnds>>,
  bad: Set<string>,
): Promise<Check> {
  const letters = await deadLettersSince(kafka, from);
  const reasons = new Map<string, number>();
  for (const l of letters) {
    const k = `${l.topic} [${bad.has(l.key) ? 'injected' : 'UNEXPLAINED'}] ${l.reason.slice(0, 120)}`;
    reasons.set(k, (reasons.get(k) ?? 0) + 1);
  }
  const unexplained = letters.filter((l) => !bad.has(l.key));
  const found = new Set(letters.filter((l) => bad.has(l.key)).map((l) => l.key));
  return {
    name: 'every dead letter explained',
    ok: unexplained.length === 0 && found.size === bad.size,
    detail: `${letters.length} dead letters, ${found.size}/${bad.size} injected ones, ${unexplained.length} unexplained${[...reasons].map(([k, n]) => `\n      ${n} × ${k}`).join('')}`,
  };
}

function servicesCheck(killer: ServiceKiller): Check {
  return {
    name: 'no service died once up (but for the SIGKILLs)',
    ok: killer.crashed.length === 0,
    detail: `crashed ${killer.crashed.length}${killer.crashed.map((c) => `\n      ${c}`).join('')}; exited while starting (a dependency down), started again as a supervisor would ${killer.failedToStart.length}${killer.failedToStart.length ? ` (${killer.failedToStart.join(', ')})` : ''}`,
  };
}

/** Set once there is something to stop: a watchdog or a signal still stops the platform. */
let onSignal: (() => Promise<void>) | undefined;
const abort = (why: string) => {
  console.error(`[faults] ${why}; stopping what the run started`);
  void (onSignal?.() ?? Promise.resolve()).finally(() => process.exit(2));
};
process.once('SIGTERM', () => abort('SIGTERM'));
process.once('SIGINT', () => abort('SIGINT'));
const watchdog = setTimeout(
  () => abort(`watchdog: no result after ${env.FAULT_WATCHDOG_SECONDS ?? 600} s`),
  Number(env.FAULT_WATCHDOG_SECONDS ?? 600) * 1000,
);
watchdog.unref();
main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[faults] could not run (seed ${seed}): ${(err as Error).stack ?? String(err)}`);
    process.exit(2);
  },
);
