import { createHash } from 'node:crypto';
import { CelHangups, hangupByFromCel } from './asterisk-cel';
import { CsvRow, parseCsv } from './cdr-csv';
import { callerName, callHead, customerOf, DISPOSITIONS, hangupByFromUserfield } from './pbx-call';
import { toRfc3339 } from './pbx-time';

export { parseCsv, type CsvRow } from './cdr-csv';
export { isValidZone, toRfc3339 } from './pbx-time';

/** The 16 columns cdr_csv always writes, in its order (Asterisk's cdr/cdr_csv.c). */
const BASE = [
  'accountcode',
  'src',
  'dst',
  'dcontext',
  'clid',
  'channel',
  'dstchannel',
  'lastapp',
  'lastdata',
  'start',
  'answer',
  'end',
  'duration',
  'billsec',
  'disposition',
  'amaflags',
] as const;
/** Appended in this order: loguniqueid=yes, loguserfield=yes, newcdrcolumns=yes (three). */
const NEW_COLUMNS = ['peeraccount', 'linkedid', 'sequence'] as const;
export const CDR_COLUMNS = [...BASE, 'uniqueid', 'userfield', ...NEW_COLUMNS] as const;

export type CdrRecord = Record<(typeof CDR_COLUMNS)[number], string>;

/** Asterisk's uniqueid: epoch.sequence, after "systemname-" when cdr.conf sets a systemname. */
const UNIQUEID = /^(?:[\w.-]+-)?\d{9,}\.\d+$/;

/** A header row some exports add ("accountcode","src",…, any order); cdr_csv itself writes none. */
export function isHeaderRow(fields: string[]): boolean {
  const names = new Set(fields.map((f) => f.trim().toLowerCase()));
  return names.has('start') && names.has('end') && (names.has('src') || names.has('uniqueid'));
}

/** The rows of a Master.csv, and its header when an export added one. */
export function readCdrCsv(text: string): { rows: CsvRow[]; header?: string[] } {
  const rows = parseCsv(text);
  if (rows.length === 0 || !isHeaderRow(rows[0].fields)) return { rows };
  return { rows: rows.slice(1), header: rows[0].fields };
}

/**
 * Which column holds what. With a header row, by name (any order, unknown names ignored);
 * without, by count, as cdr_csv writes them: 16 (the default), 17 (loguniqueid or loguserfield,
 * told apart by whether the cell looks like a uniqueid), 18 (both), and each of these plus the
 * three newcdrcolumns (19–21).
 */
export function columnsFor(fields: string[], header?: string[]): readonly string[] | string {
  if (header) return header.map((h) => h.trim().toLowerCase());
  const n = fields.length;
  const extra = n >= 19 ? n - 19 : n - 16;
  const tail = n >= 19 ? NEW_COLUMNS : [];
  if (n < 16 || n > 21 || extra < 0 || extra > 2)
    return `expected 16 to 21 columns (cdr_csv with or without loguniqueid, loguserfield and newcdrcolumns), got ${n}`;
  if (extra === 2) return [...BASE, 'uniqueid', 'userfield', ...tail];
  if (extra === 1)
    return [...BASE, UNIQUEID.test(fields[16].trim()) ? 'uniqueid' : 'userfield', ...tail];
  return [...BASE, ...tail];
}

export function toCdrRecord(fields: string[], header?: string[]): CdrRecord | string {
  const columns = columnsFor(fields, header);
  if (typeof columns === 'string') return columns;
  const rec = Object.fromEntries(CDR_COLUMNS.map((c) => [c, ''])) as CdrRecord;
  columns.forEach((c, i) => {
    if (c in rec) rec[c as keyof CdrRecord] = (fields[i] ?? '').trim();
  });
  if (rec.start === '') return 'start is empty';
  return rec;
}

/**
 * The call id: the uniqueid when logged; else linkedid and sequence (newcdrcolumns); else a
 * digest of the row, so importing the same file again finds the same calls.
 */
export function cdrCallId(r: CdrRecord): string {
  if (r.uniqueid) return `ast-${r.uniqueid}`;
  if (r.linkedid && r.sequence) return `ast-${r.linkedid}-${r.sequence}`;
  const digest = createHash('sha256')
    .update(BASE.map((c) => r[c]).join('\u001f'))
    .digest('hex');
  return `ast-h${digest.slice(0, 24)}`;
}

/** Internal contexts dial out: the agent is the calling channel and the customer the number dialled. */
const OUTBOUND_CONTEXT = /internal|outbound|outgoing|from-agent/i;
const extensionOf = (channel: string) => /^[A-Za-z0-9]+\/([A-Za-z0-9_.]+)/.exec(channel)?.[1];

/**
 * A CDR row as a call body for the normal validation. Ringing is answer − start (the ring count is
 * derived from it with the tenant's seconds per ring); the disposition is kept and a call not
 * ANSWERED has no answer time. The agent is the extension on the agent's side
 * (SIP/1001-0000002a → 1001); the team is the account code. A CDR does not say who hung up:
 * `unknown`, unless the userfield carries `hangupBy=agent|customer|system` or the CEL HANGUP
 * events of its channels name the agent's or the customer's channel as hangupsource. Transcripts are
 * looked up by uniqueid, else by the call id. Cells that do not fit are passed on as they are and
 * fail validation there.
 */
export function cdrToCall(
  r: CdrRecord,
  opts: {
    tenantId: string;
    zone: string;
    transcripts?: Record<string, unknown>;
    cel?: CelHangups;
  },
): Record<string, unknown> {
  const callId = cdrCallId(r);
  const disposition = DISPOSITIONS[r.disposition.toUpperCase()];
  const answered = disposition ? disposition === 'answered' : r.answer !== '';
  const outbound = OUTBOUND_CONTEXT.test(r.dcontext);
  const agent = outbound ? (extensionOf(r.channel) ?? r.src) : (extensionOf(r.dstchannel) ?? r.dst);
  const customer = customerOf(outbound ? r.dst : r.src, outbound ? undefined : callerName(r.clid));
  const time = (v: string) => toRfc3339(v, opts.zone) ?? v;
  const transcript = opts.transcripts?.[r.uniqueid || callId];
  return {
    ...callHead({
      callId,
      tenantId: opts.tenantId,
      outbound,
      agent,
      accountcode: r.accountcode,
      customer,
    }),
    startedAt: time(r.start),
    answeredAt: answered ? time(r.answer) : null,
    endedAt: time(r.end),
    hangupBy:
      hangupByFromUserfield(r.userfield) ??
      (opts.cel &&
        hangupByFromCel(opts.cel, {
          uniqueid: r.uniqueid,
          linkedid: r.linkedid,
          agentChannel: outbound ? r.channel : r.dstchannel,
          customerChannel: outbound ? r.dstchannel : r.channel,
        })) ??
      'unknown',
    ...(disposition ? { disposition } : {}),
    segments: answered ? (transcript ?? []) : [],
  };
}
