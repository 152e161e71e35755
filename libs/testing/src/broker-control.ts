import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const kafkaDir = join(__dirname, '..', '..', '..', 'deploy', 'kafka');

/** Stops and starts the real local broker with the deploy scripts (fault tests). */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

export const brokerControl = {
  /** Fails loudly when the broker on 9092 is not this checkout's (down.sh would leave it up). */
  async stop(): Promise<void> {
    await run('bash', [join(kafkaDir, 'down.sh')], { timeout: 60_000 });
    if (await answers(Number(process.env.KAFKA_PORT ?? 9092))) {
      throw new Error(
        'a Kafka broker still answers after deploy/kafka/down.sh: it was not started by this checkout; stop it and run the tests again',
      );
    }
  },
  async start(): Promise<void> {
    await run('bash', [join(kafkaDir, 'up.sh')], { timeout: 120_000 });
  },
};
