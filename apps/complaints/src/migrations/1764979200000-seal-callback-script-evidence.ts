import { piiCipher } from '@qa/pii';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { CallbackScript, rewriteScript } from '../modules/callbacks/callback-calls.repository';

const PAGE = 500;

/** The callback calls' script evidence (quotes of the call), encrypted under PII_KEY. */
export class SealCallbackScriptEvidence1764979200000 implements MigrationInterface {
  name = 'SealCallbackScriptEvidence1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await rewriteScripts(q, 'seal');
  }

  async down(q: QueryRunner): Promise<void> {
    await rewriteScripts(q, 'open');
  }
}

async function rewriteScripts(q: QueryRunner, direction: 'seal' | 'open'): Promise<void> {
  const cipher = piiCipher();
  let after = ['', ''];
  for (;;) {
    const rows = (await q.query(
      `SELECT tenant_id, call_id, script FROM complaints.callback_calls
       WHERE (tenant_id, call_id) > ($1, $2) AND script IS NOT NULL
       ORDER BY tenant_id, call_id LIMIT ${PAGE}`,
      after,
    )) as { tenant_id: string; call_id: string; script: CallbackScript }[];
    if (rows.length === 0) return;
    const last = rows[rows.length - 1];
    after = [last.tenant_id, last.call_id];
    await q.query(
      `UPDATE complaints.callback_calls c SET script = v.script::jsonb
       FROM unnest($1::text[], $2::text[], $3::text[]) AS v(tenant_id, call_id, script)
       WHERE c.tenant_id = v.tenant_id AND c.call_id = v.call_id`,
      [
        rows.map((r) => r.tenant_id),
        rows.map((r) => r.call_id),
        rows.map((r) => JSON.stringify(rewriteScript(cipher, r.script, direction))),
      ],
    );
  }
}
