import { zonedDateTime } from '@qa/business-calendar';
import { parseCsv } from './cdr-csv';
import { callHead, customerOf, type Disposition } from './pbx-call';
import { toRfc3339 } from './pbx-time';

/** mod_cdr_csv's default template ("example"); the "sql" one stops after accountcode (13). */
export const FS_CSV_COLUMNS = [
  'caller_id_name',
  'caller_id_number',
  'destination_number',
  'context',
  'start_stamp',
  'answer_stamp',
  'end_stamp',
  'duration',
  'billsec',
  'hangup_cause',
  'uuid',
  'bleg_uuid',
  'accountcode',
  'read_codec',
  'write_codec',
] as const;

/** The channel variables a call needs, from either module. */
export type FsRecord = Partial<Record<string, string>> & { uuid: string };

/** One record and the line (CSV) or position (JSON, from 1) it came from. */
export type FsRow = { line: number; record: FsRecord } | { line: number; problem: string };

/**
 * A mod_cdr_csv file (default template, 13 or 15 columns, or any columns under a header row of
 * variable names) or mod_json_cdr records (one object, an array, or one object per line).
 */
export function readFreeswitchCdr(text: string): FsRow[] {
  const trimmed = text.trimStart();
  return trimmed.startsWith('{') || trimmed.startsWith('[') ? readJson(text) : readCsv(text);
}

function readCsv(text: string): FsRow[] {
  const rows = parseCsv(text);
  const first = rows[0]?.fields.map((f) => f.trim().toLowerCase());
  const header = first?.includes('uuid') && first.includes('start_stamp') ? first : undefined;
  return (header ? rows.slice(1) : rows).map(({ fields, line }) => {
    const columns =
      header ?? (fields.length === 13 || fields.length === 15 ? FS_CSV_COLUMNS : null);
    if (!columns)
      return {
        line,
        problem: `expected the default mod_cdr_csv template (15 columns, or 13), got ${fields.length}`,
      };
    const record: Record<string, string> = {};
    columns.forEach((c, i) => (record[c] = (fields[i] ?? '').trim()));
    return withUuid(record, line);
  });
}

function readJson(text: string): FsRow[] {
  let docs: unknown[];
  try {
    const all: unknown = JSON.parse(text);
    docs = Array.isArray(all) ? all : [all];
  } catch {
    // One record per line, as a log of mod_json_cdr posts is kept.
    return text
      .split(/\r?\n/)
      .map((l, i) => ({ l, line: i + 1 }))
      .filter(({ l }) => l.trim() !== '')
      .map(({ l, line }) => {
        try {
          return fromJson(JSON.parse(l), line);
        } catch {
          return { line, problem: 'not JSON' };
        }
      });
  }
  return docs.map((d, i) => fromJson(d, i + 1));
}

/** mod_json_cdr URL-encodes variable values unless encode-values is off: read both. */
const decode = (v: unknown): string | undefined => {
  if (typeof v !== 'string') return typeof v === 'number' ? String(v) : undefined;
  try {
    return decodeURIComponent(v.replace(/\+/g, '%20'));
  } catch {
    return v;
  }
};

function fromJson(doc: unknown, line: number): FsRow {
  const vars = (doc as { variables?: unknown } | null)?.variables;
  if (!vars || typeof vars !== 'object')
    return { line, problem: 'not a mod_json_cdr record (no "variables")' };
  const record: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) {
    const value = decode(v);
    if (value !== undefined) record[k] = value;
  }
  return withUuid(record, line);
}

function withUuid(record: Record<string, string>, line: number): FsRow {
  if (!record.uuid) return { line, problem: 'uuid is empty' };
  if (!record.start_stamp && !record.start_epoch) return { line, problem: 'start_stamp is empty' };
  return { line, record: record as FsRecord };
}

/** Q.850 causes of a call nobody answered, by what the contact centre sees. */
function unansweredDisposition(cause: string): Disposition {
  if (cause === 'USER_BUSY') return 'busy';
  if (/CONGESTION/.test(cause)) return 'congestion';
  if (
    /^(NO_ANSWER|NO_USER_RESPONSE|ORIGINATOR_CANCEL|ALLOTTED_TIMEOUT|NORMAL_CLEARING|LOSE_RACE|PICKED_OFF)$/.test(
      cause,
    )
  )
    return 'no_answer';
  return 'failed';
}

/** Calls from registered phones (FreeSWITCH's "default" context) are the agents dialling out. */
const OUTBOUND_CONTEXT = /^default$|internal|outbound|outgoing|from-agent/i;

/**
 * Who ended the call, from the A leg's SIP disposition (mod_json_cdr has it, the CSV template
 * does not): the caller's side sent BYE or CANCEL (recv_*), or FreeSWITCH sent BYE because the
 * other leg hung up (send_bye).
 */
function hangupBy(r: FsRecord, outbound: boolean): string {
  const d = r.sip_hangup_disposition ?? '';
  const caller = outbound ? 'agent' : 'customer';
  const callee = outbound ? 'customer' : 'agent';
  if (d === 'recv_bye' || d === 'recv_cancel') return caller;
  if (d === 'send_bye') return callee;
  return 'unknown';
}

/**
 * A FreeSWITCH record as a call body for the normal validation: answer and ring times from the
 * epochs when mod_json_cdr gives them (else the stamps on the PBX clock), the disposition from
 * the answer and the hangup cause, which is kept as well.
 */
export function fsToCall(
  r: FsRecord,
  opts: { tenantId: string; zone: string; transcripts?: Record<string, unknown> },
): Record<string, unknown> {
  const time = (epoch: string | undefined, stamp: string | undefined): string | null => {
    const seconds = Number(epoch);
    if (epoch && Number.isFinite(seconds) && seconds > 0)
      return toRfc3339(isoLocal(seconds, opts.zone), opts.zone);
    return stamp ? (toRfc3339(stamp, opts.zone) ?? stamp) : null;
  };
  const answeredAt = time(r.answer_epoch, r.answer_stamp);
  const cause = (r.hangup_cause ?? '').toUpperCase();
  const outbound = OUTBOUND_CONTEXT.test(r.context ?? '');
  const agent = outbound
    ? r.caller_id_number
    : (r.dialed_user ?? r.callee_id_number ?? r.destination_number);
  const customer = customerOf(
    (outbound ? r.destination_number : r.caller_id_number) ?? '',
    outbound ? undefined : nameOf(r.caller_id_name, r.caller_id_number),
  );
  const disposition = answeredAt ? 'answered' : unansweredDisposition(cause);
  return {
    ...callHead({
      callId: `fs-${r.uuid}`,
      tenantId: opts.tenantId,
      outbound,
      agent,
      ...r,
      customer,
    }),
    startedAt: time(r.start_epoch, r.start_stamp),
    answeredAt,
    endedAt: time(r.end_epoch, r.end_stamp),
    hangupBy: hangupBy(r, outbound),
    disposition,
    ...(/^[A-Z][A-Z0-9_]{0,63}$/.test(cause) ? { hangupCause: cause } : {}),
    segments: answeredAt ? (opts.transcripts?.[r.uuid] ?? []) : [],
  };
}

const nameOf = (name: string | undefined, number: string | undefined) =>
  name && name !== number && !/^\+?[\d\s-]*$/.test(name) ? name.slice(0, 128) : undefined;

/** Epoch seconds → "YYYY-MM-DD HH:MM:SS" on the zone's wall clock, for toRfc3339. */
function isoLocal(seconds: number, zone: string): string {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (m) {
    const offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
    return new Date(seconds * 1000 + offset * 60000).toISOString().slice(0, 19).replace('T', ' ');
  }
  return zonedDateTime(seconds * 1000, zone);
}
