import type { QueryRunner } from 'typeorm';
import { PiiCipher } from './pii-cipher';
import { piiCipher } from './pii-column';

const PAGE = 500;

/**
 * For migrations: encrypts ('seal') or decrypts ('open') the free-text `column` of every row of
 * `table` (keyed by a uuid `id`), a page at a time. Empty values stay empty; values already in
 * the wanted form are left alone, so running it again changes nothing.
 */
export async function rewriteTextColumn(
  q: QueryRunner,
  table: string,
  column: string,
  direction: 'seal' | 'open',
): Promise<number> {
  const cipher = piiCipher();
  let after: string | null = null;
  let changed = 0;
  for (;;) {
    const rows = (await q.query(
      `SELECT id, ${column} AS value FROM ${table}
       WHERE $1::uuid IS NULL OR id > $1::uuid ORDER BY id LIMIT ${PAGE}`,
      [after],
    )) as { id: string; value: string | null }[];
    if (rows.length === 0) return changed;
    after = rows[rows.length - 1].id;
    const next = rows
      .filter(({ value: v }) => !!v && PiiCipher.isCiphertext(v) === (direction === 'open'))
      .map(({ id, value }) => ({
        id,
        value: direction === 'seal' ? cipher.encrypt(value!) : cipher.decrypt(value!),
      }));
    if (next.length === 0) continue;
    await q.query(
      `UPDATE ${table} t SET ${column} = v.value
       FROM unnest($1::uuid[], $2::text[]) AS v(id, value) WHERE t.id = v.id`,
      [next.map((r) => r.id), next.map((r) => r.value)],
    );
    changed += next.length;
  }
}
