import { configuredPiiCipher, PiiCipher } from '@qa/pii';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { opaqueCustomer } from '../modules/facts/opaque-customer';

const PAGE = 500;
const TABLES = [
  { table: 'kpi.call_facts', id: 'call_id' },
  { table: 'kpi.complaint_facts', id: 'ticket_id' },
] as const;

/**
 * Facts recorded from events published before the PII change hold the customer's id in clear.
 * Each becomes the opaque key (opaqueCustomer): the HMAC is computed here, in the service,
 * because PII_KEY never reaches the database. Without PII_KEY the clear ids are blanked instead.
 */
export class KeyFactCustomers1764892800000 implements MigrationInterface {
  name = 'KeyFactCustomers1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await keyFactCustomers(q);
  }

  /** Nothing to undo: the schema is unchanged, and a keyed hash does not give the id back. */
  async down(): Promise<void> {}
}

/** Rewrites every clear customer id in the facts tables; returns how many rows changed. */
export async function keyFactCustomers(
  q: QueryRunner,
  cipher: PiiCipher | null = configuredPiiCipher(),
): Promise<number> {
  let changed = 0;
  for (const { table, id } of TABLES) {
    for (;;) {
      // Rewritten rows leave the selection, so each page starts from the top again.
      const rows = (await q.query(
        `SELECT tenant_id, ${id} AS id, customer_id FROM ${table}
         WHERE customer_id <> '' AND customer_id NOT LIKE 'ck\\_%' LIMIT ${PAGE}`,
      )) as { tenant_id: string; id: string; customer_id: string }[];
      if (rows.length === 0) break;
      await q.query(
        `UPDATE ${table} t SET customer_id = v.customer_id
         FROM unnest($1::text[], $2::text[], $3::text[]) AS v(tenant_id, id, customer_id)
         WHERE t.tenant_id = v.tenant_id AND t.${id} = v.id`,
        [
          rows.map((r) => r.tenant_id),
          rows.map((r) => r.id),
          rows.map((r) => opaqueCustomer(cipher, r.tenant_id, r.customer_id)),
        ],
      );
      changed += rows.length;
    }
  }
  return changed;
}
