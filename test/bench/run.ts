import 'reflect-metadata';
import { cpus } from 'node:os';
import { runEngineBench } from './engine.bench';
import { runIngestionBench } from './ingestion.bench';
import { runPipelineBench } from './pipeline.bench';

/** `npm run bench`: every benchmark, JSON on stdout, each baseline measured in the same run. */
async function main(): Promise<void> {
  const engine = await runEngineBench({ seconds: 3 });
  const ingestion = await runIngestionBench();
  const pipeline = await runPipelineBench({ calls: 1000, ratePerSecond: 100 });
  console.log(
    JSON.stringify(
      {
        machine: { cpus: cpus().length, node: process.version },
        engine,
        ingestion,
        pipeline,
      },
      null,
      2,
    ),
  );
  process.exit(0);
}

void main();
