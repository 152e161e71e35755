import { piiCipher, PiiCipher } from '@qa/pii';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { customerLookup } from '../modules/tickets/ticket-customer';

const PAGE = 500;

interface Row {
  id: string;
  tenant_id: string;
  customer_id: string | null;
  customer_phone: string | null;
  customer_key: string | null;
}

/**
 * Tickets' customer phone and id, encrypted under PII_KEY (AES-256-GCM), with keyed hashes
 * (HMAC under PII_KEY) to find a customer's tickets by: repeat complaints, callback calls, the
 * customerId filter. The customer key, once only on detected tickets, is set on every ticket.
 */
export class EncryptTicketCustomers1764806400000 implements MigrationInterface {
  name = 'EncryptTicketCustomers1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE complaints.tickets ADD COLUMN customer_id_hmac text,
      ADD COLUMN customer_phone_hmac text`);
    await rewriteTicketCustomers(q, 'seal');
    // The old index was on customer_id, which is now ciphertext: it finds nothing any more.
    await q.query(`DROP INDEX complaints.ix_tickets_customer`);
    await q.query(`CREATE INDEX ix_tickets_customer_id_hmac ON complaints.tickets
      (tenant_id, customer_id_hmac, category, opened_at DESC) WHERE customer_id_hmac IS NOT NULL`);
    await q.query(`CREATE INDEX ix_tickets_customer_phone_hmac ON complaints.tickets
      (tenant_id, customer_phone_hmac, category, opened_at DESC) WHERE customer_phone_hmac IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX complaints.ix_tickets_customer_phone_hmac`);
    await q.query(`DROP INDEX complaints.ix_tickets_customer_id_hmac`);
    await rewriteTicketCustomers(q, 'open');
    await q.query(`CREATE INDEX ix_tickets_customer ON complaints.tickets
      (tenant_id, customer_id, category, opened_at DESC)`);
    // Customer keys set on tickets logged by hand stay: they are opaque and matched as before.
    await q.query(`ALTER TABLE complaints.tickets DROP COLUMN customer_phone_hmac,
      DROP COLUMN customer_id_hmac`);
  }
}

/**
 * 'seal': encrypts clear numbers and fills the hashes and the key; 'open': decrypts. A page at a
 * time; rows already in the wanted form are left alone, so running it again changes nothing.
 */
export async function rewriteTicketCustomers(
  q: QueryRunner,
  direction: 'seal' | 'open',
): Promise<number> {
  const cipher = piiCipher();
  const isSealed = (v: string | null) => !v || PiiCipher.isCiphertext(v);
  const seal = (v: string | null) => (isSealed(v) ? v : cipher.encrypt(v!));
  const open = (v: string | null) => (v ? cipher.decrypt(v) : v);
  let after = '00000000-0000-0000-0000-000000000000';
  let changed = 0;
  for (;;) {
    const rows = (await q.query(
      `SELECT id, tenant_id, customer_id, customer_phone, customer_key FROM complaints.tickets
       WHERE id > $1 ORDER BY id LIMIT ${PAGE}`,
      [after],
    )) as Row[];
    if (rows.length === 0) return changed;
    after = rows[rows.length - 1].id;
    const todo = rows.filter((r) =>
      direction === 'seal'
        ? !isSealed(r.customer_id) || !isSealed(r.customer_phone)
        : r.customer_id !== open(r.customer_id) || r.customer_phone !== open(r.customer_phone),
    );
    if (todo.length === 0) continue;
    const next = todo.map((r) => {
      if (direction === 'open') {
        return { ...r, customer_id: open(r.customer_id), customer_phone: open(r.customer_phone) };
      }
      const lookup = customerLookup(cipher, r.tenant_id, {
        id: open(r.customer_id),
        phone: open(r.customer_phone),
      });
      return {
        ...r,
        customer_id: seal(r.customer_id),
        customer_phone: seal(r.customer_phone),
        customer_key: r.customer_key ?? lookup.customerKey,
        customer_id_hmac: lookup.idHmac,
        customer_phone_hmac: lookup.phoneHmac,
      };
    });
    const hashes = direction === 'seal';
    await q.query(
      `UPDATE complaints.tickets t SET customer_id = v.customer_id,
         customer_phone = v.customer_phone, customer_key = v.customer_key
         ${hashes ? ', customer_id_hmac = v.id_hmac, customer_phone_hmac = v.phone_hmac' : ''}
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         AS v(id, customer_id, customer_phone, customer_key, id_hmac, phone_hmac)
       WHERE t.id = v.id`,
      [
        next.map((r) => r.id),
        next.map((r) => r.customer_id),
        next.map((r) => r.customer_phone),
        next.map((r) => r.customer_key),
        next.map((r) => ('customer_id_hmac' in r ? r.customer_id_hmac : null)),
        next.map((r) => ('customer_phone_hmac' in r ? r.customer_phone_hmac : null)),
      ],
    );
    changed += next.length;
  }
}
