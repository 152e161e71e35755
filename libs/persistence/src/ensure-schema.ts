import { Client } from 'pg';
import { isInfrastructureError } from './infrastructure-errors';
import { untilReachable, WaitOptions } from './wait-until-reachable';

/** How long a starting service waits for its database before it gives up and exits. */
export const DATABASE_STARTUP_WAIT_MS = 120_000;

/**
 * TypeORM keeps its migrations table inside the service schema, so the schema must exist first.
 * Also the service's first contact with its database: while that is down, it waits.
 */
export async function ensureSchema(
  url: string,
  schema: string,
  wait: Partial<Omit<WaitOptions, 'transient'>> = {},
): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  await untilReachable(
    async () => {
      const client = new Client({ connectionString: url });
      // A refused connection still emits 'error' on the client; the rejected connect() reports it.
      client.on('error', () => undefined);
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      } finally {
        await client.end();
      }
    },
    { waitMs: DATABASE_STARTUP_WAIT_MS, ...wait, transient: isInfrastructureError },
  );
}
