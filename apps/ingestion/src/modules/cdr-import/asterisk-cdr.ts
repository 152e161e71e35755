/** Asterisk cdr_csv (Master.csv) in its standard column order. */
export const CDR_COLUMNS = [
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
  'uniqueid',
  'userfield',
] as const;

export type CdrRecord = Record<(typeof CDR_COLUMNS)[number], string>;

export interface CsvRow {
  fields: string[];
  /** The line the row starts on, from 1. */
  line: number;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes, CRLF or LF, a BOM. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push({ fields: row, line: rowLine });
    row = [];
    field = '';
  };
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** A header row some exports add ("accountcode","src",…); the standard file has none. */
export const isHeaderRow = (fields: string[]): boolean =>
  fields[0]?.trim().toLowerCase() === 'accountcode' && fields[1]?.trim().toLowerCase() === 'src';

export function toCdrRecord(fields: string[]): CdrRecord | string {
  if (fields.length < CDR_COLUMNS.length)
    return `expected ${CDR_COLUMNS.length} columns, got ${fields.length}`;
  const rec = Object.fromEntries(CDR_COLUMNS.map((c, i) => [c, fields[i].trim()])) as CdrRecord;
  if (rec.uniqueid === '') return 'uniqueid (column 17) is empty';
  return rec;
}

const OFFSET = /^[+-]\d{2}:\d{2}$/;
const formats = new Map<string, Intl.DateTimeFormat>();

/** Checks a zone: an offset like +08:00 or an IANA name like Asia/Shanghai. */
export function isValidZone(zone: string): boolean {
  if (OFFSET.test(zone)) return true;
  try {
    formatFor(zone);
    return true;
  } catch {
    return false;
  }
}

function formatFor(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, f);
  }
  return f;
}

/** Minutes the zone's wall clock is ahead of UTC at an instant. */
function zoneOffsetMinutes(zone: string, instant: number): number {
  const p = Object.fromEntries(
    formatFor(zone)
      .formatToParts(new Date(instant))
      .map((x) => [x.type, Number(x.value)]),
  );
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * "2026-11-22 09:00:07" on the PBX's wall clock → RFC 3339 with the zone's offset at that moment
 * (DST-aware for IANA zones). null when the text is not an Asterisk time.
 */
export function toRfc3339(local: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const wall = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
  if (OFFSET.test(zone)) return wall + zone;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  let offset = zoneOffsetMinutes(zone, asUtc);
  offset = zoneOffsetMinutes(zone, asUtc - offset * 60000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${wall}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Internal contexts dial out: the agent is the calling channel and the customer the number dialled. */
const OUTBOUND_CONTEXT = /internal|outbound|outgoing|from-agent/i;
const extensionOf = (channel: string) => /^[A-Za-z0-9]+\/([A-Za-z0-9_.]+)/.exec(channel)?.[1];

/**
 * A CDR row as a call body for the normal validation. Ringing is answer − start (the ring count is
 * derived from it with the tenant's seconds per ring); a call not ANSWERED is abandoned. The
 * agent is the extension on the agent's side (SIP/1001-0000002a → 1001); the team is the
 * account code. Cells that do not fit are passed on as they are and fail validation there.
 */
export function cdrToCall(
  r: CdrRecord,
  opts: { tenantId: string; zone: string; transcripts?: Record<string, unknown> },
): Record<string, unknown> {
  const answered = r.disposition.toUpperCase() === 'ANSWERED' && r.answer !== '';
  const outbound = OUTBOUND_CONTEXT.test(r.dcontext);
  const agent = outbound ? (extensionOf(r.channel) ?? r.src) : (extensionOf(r.dstchannel) ?? r.dst);
  const phone = (outbound ? r.dst : r.src).replace(/[^\d+]/g, '');
  const time = (v: string) => toRfc3339(v, opts.zone) ?? v;
  return {
    callId: `ast-${r.uniqueid}`,
    tenantId: opts.tenantId,
    direction: outbound ? 'outbound' : 'inbound',
    purpose: 'service',
    agentId: agent || 'unknown',
    teamId: r.accountcode || 'default',
    ...(phone.length >= 3 ? { customer: { phone } } : {}),
    startedAt: time(r.start),
    answeredAt: answered ? time(r.answer) : null,
    endedAt: time(r.end),
    hangupBy: 'system',
    segments: answered ? (opts.transcripts?.[r.uniqueid] ?? []) : [],
  };
}
