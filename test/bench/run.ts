import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { runDeadLettersBench } from './dead-letters.bench';
import { runEngineBench } from './engine/engine.bench';
import { runIngestionBench } from './ingestion.bench';
import { runKpiFreshnessBench } from './kpi-freshness.bench';
import { runPipelineBench } from './pipeline.bench';
import { parsePlatformBenchArgs, runPlatformBench } from './platform/platform.bench';

// stdout is the JSON result; the services' logs (read when the apps start) go to stderr.
process.env.LOG_STREAM ??= 'stderr';
// The services refuse weak or published secrets: this in-process run gets its own strong one.
process.env.INTERNAL_SECRET ??= randomBytes(32).toString('base64url');
process.env.PII_KEY ??= randomBytes(32).toString('base64');
// The in-process services get their own consumer groups: in the groups of a running platform
// (`npm start`) they would share its partitions and its events would land in its database.
process.env.KAFKA_GROUP_PREFIX ??= 'bench.';

/**
 * `npm run bench -- --quick`: every in-process bench on a few calls, so the test command proves the
 * harness still runs (its figures mean nothing and nothing asserts them).
 */
const quick = process.argv.includes('--quick');

/** `npm run bench`: every benchmark, JSON on stdout, each baseline measured in the same run. */
async function main(): Promise<void> {
  // `npm run bench -- pipeline [--calls N] …`: the platform `npm start` runs, through the gateway.
  if (process.argv[2] === 'pipeline') {
    const result = await runPlatformBench(parsePlatformBenchArgs(process.argv.slice(3)));
    console.log(JSON.stringify(result, null, 2));
    const kpiError = typeof result.kpiFreshness === 'object' ? result.kpiFreshness.error : null;
    if (kpiError) console.error(`kpi freshness: ${kpiError}`);
    process.exit(kpiError ? 1 : 0);
  }
  // `npm run bench -- dead-letters [--events N] [--bad 0.2]`: a consumer's pace with bad input.
  if (process.argv[2] === 'dead-letters') {
    const arg = (name: string) => {
      const i = process.argv.indexOf(name);
      return i > 0 ? Number(process.argv[i + 1]) : undefined;
    };
    const deadLetters = await runDeadLettersBench({
      events: arg('--events') ?? (quick ? 200 : undefined),
      badShare: arg('--bad'),
      rounds: arg('--rounds') ?? (quick ? 1 : undefined),
    });
    console.log(
      JSON.stringify(
        { machine: { cpus: cpus().length, node: process.version }, deadLetters },
        null,
        2,
      ),
    );
    process.exit(0);
  }
  const engine = await runEngineBench(quick ? { seconds: 0.2, rounds: 1 } : { seconds: 3 });
  // `npm run bench -- engine`: the engine section alone (pure CPU, opens no ports).
  if (process.argv[2] === 'engine') {
    console.log(
      JSON.stringify({ machine: { cpus: cpus().length, node: process.version }, engine }, null, 2),
    );
    process.exit(0);
  }
  // Pipeline before ingestion: its scoring consumer must not start behind another bench's events.
  const pipeline = await runPipelineBench({ calls: quick ? 100 : 1000, ratePerSecond: 100 });
  const ingestion = await runIngestionBench(
    quick ? { batchCalls: 500, batchSize: 250, singleCalls: 50 } : {},
  );
  // Ingest → KPI update on the stream at 200 calls/s (test/bench/kpi-freshness.bench.ts).
  const kpi = await runKpiFreshnessBench(
    quick ? { calls: 100, ratePerSecond: 100 } : { calls: 2000, ratePerSecond: 200 },
  );
  // kpi's consumer with 0 % and 20 % bad records interleaved (test/bench/dead-letters.bench.ts).
  const deadLetters = await runDeadLettersBench(quick ? { events: 200, rounds: 1 } : {});
  console.log(
    JSON.stringify(
      {
        machine: { cpus: cpus().length, node: process.version },
        ...(quick && { quick: 'a few calls per section: checks the harness, not the figures' }),
        engine,
        ingestion,
        pipeline,
        kpi,
        deadLetters,
      },
      null,
      2,
    ),
  );
  // A run that saw no KPI update is a broken run, not a figure.
  if (kpi.error) {
    console.error(`kpi freshness bench: ${kpi.error}`);
    process.exit(1);
  }
  process.exit(0);
}

void main();
