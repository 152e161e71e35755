import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const kafkaDir = join(__dirname, '..', '..', '..', 'deploy', 'kafka');

/** Stops and starts the real local broker with the deploy scripts (fault tests). */
export const brokerControl = {
  async stop(): Promise<void> {
    await run('bash', [join(kafkaDir, 'down.sh')], { timeout: 60_000 });
  },
  async start(): Promise<void> {
    await run('bash', [join(kafkaDir, 'up.sh')], { timeout: 120_000 });
  },
};
