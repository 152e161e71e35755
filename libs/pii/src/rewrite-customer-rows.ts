import type { QueryRunner } from 'typeorm';
import { openCustomer, sealCustomer } from './customer-fields';
import { piiCipher } from './pii-column';

const PAGE = 500;

/**
 * For migrations: encrypts ('seal') or decrypts ('open') `customer.phone` and `customer.id` inside
 * the jsonb `column` of every row of `table` (keyed by tenant_id, call_id), a page at a time.
 */
export async function rewriteCustomerRows(
  q: QueryRunner,
  table: string,
  column: string,
  direction: 'seal' | 'open',
): Promise<number> {
  const cipher = piiCipher();
  const rewrite = direction === 'seal' ? sealCustomer : openCustomer;
  let after = ['', ''];
  let changed = 0;
  for (;;) {
    const rows = (await q.query(
      `SELECT tenant_id, call_id, ${column} -> 'customer' AS customer FROM ${table}
       WHERE (tenant_id, call_id) > ($1, $2) ORDER BY tenant_id, call_id LIMIT ${PAGE}`,
      after,
    )) as {
      tenant_id: string;
      call_id: string;
      customer: { phone?: string; id?: string } | null;
    }[];
    if (rows.length === 0) return changed;
    const next = rows
      .filter((r) => r.customer && typeof r.customer === 'object')
      .map((r) => ({ r, customer: rewrite(cipher, { customer: r.customer }).customer }))
      .filter(({ r, customer }) => JSON.stringify(customer) !== JSON.stringify(r.customer));
    if (next.length > 0) {
      await q.query(
        `UPDATE ${table} t SET ${column} = jsonb_set(t.${column}, '{customer}', v.customer::jsonb)
         FROM unnest($1::text[], $2::text[], $3::text[]) AS v(tenant_id, call_id, customer)
         WHERE t.tenant_id = v.tenant_id AND t.call_id = v.call_id`,
        [
          next.map(({ r }) => r.tenant_id),
          next.map(({ r }) => r.call_id),
          next.map(({ customer }) => JSON.stringify(customer)),
        ],
      );
      changed += next.length;
    }
    const last = rows[rows.length - 1];
    after = [last.tenant_id, last.call_id];
  }
}
