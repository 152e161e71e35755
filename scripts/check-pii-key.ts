/**
 * Before `npm start` starts the services: does PII_KEY open the personal numbers already stored?
 * A database kept from an earlier install with a new .run/secrets.env would otherwise start fine
 * and answer 500 on the first call that meets an old row. Exit 0: it does, or nothing is stored.
 */
import { PiiCipher, PiiKeyError } from '@qa/pii';
import { Client } from 'pg';

const SAMPLE = `SELECT v FROM (
  SELECT body->'customer'->>'phone' AS v FROM ingestion.calls
  UNION ALL SELECT body->'customer'->>'id' FROM ingestion.calls
) s WHERE v LIKE 'pii:v1:%' LIMIT 3`;

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qa';
  const cipher = new PiiCipher(process.env.PII_KEY ?? '');
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const [{ t }] = (await db.query(`SELECT to_regclass('ingestion.calls') AS t`)).rows as {
      t: string | null;
    }[];
    if (!t) return 0;
    for (const { v } of (await db.query(SAMPLE)).rows as { v: string }[]) cipher.decrypt(v);
    return 0;
  } catch (err) {
    if (!(err instanceof PiiKeyError)) throw err;
    const db = new URL(url).pathname.slice(1);
    process.stderr.write(
      `[platform] PII_KEY does not open the customer numbers already stored in database "${db}":\n` +
        `  they were sealed with another key. Put that key back (PII_KEY=… in .run/secrets.env),\n` +
        `  or, to start over on an empty database: dropdb ${db} (this deletes every call).\n`,
    );
    return 1;
  } finally {
    await db.end();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`[platform] could not check PII_KEY: ${err.message}\n`);
    process.exit(2);
  },
);
