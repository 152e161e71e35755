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

export interface TranscriptSegment {
  speaker: 'agent' | 'customer';
  startMs: number;
  endMs: number;
  text: string;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function toCdrRecord(fields: string[]): CdrRecord | string {
  if (fields.length < CDR_COLUMNS.length)
    return `expected ${CDR_COLUMNS.length} columns, got ${fields.length}`;
  return Object.fromEntries(CDR_COLUMNS.map((c, i) => [c, fields[i].trim()])) as CdrRecord;
}

/** "2026-11-22 09:00:07" in the PBX's local time → RFC 3339 with the given offset. */
function isoTime(local: string, offset: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(local);
  return m ? `${m[1]}T${m[2]}${offset}` : null;
}

/**
 * A CDR row as a call body for the normal validation. Ringing is answer − start; a call not
 * ANSWERED is stored as abandoned. The agent is the extension of the destination channel
 * (SIP/1001-0000002a → 1001); the team is the account code.
 */
export function cdrToCall(
  r: CdrRecord,
  opts: { tenantId: string; utcOffset: string; transcripts?: Record<string, TranscriptSegment[]> },
): Record<string, unknown> {
  const answered = r.disposition.toUpperCase() === 'ANSWERED' && r.answer !== '';
  const agent = /^[A-Za-z0-9]+\/([A-Za-z0-9_.]+)/.exec(r.dstchannel)?.[1] ?? r.dst;
  const phone = r.src.replace(/[^\d+]/g, '');
  return {
    callId: `ast-${r.uniqueid}`,
    tenantId: opts.tenantId,
    direction: 'inbound',
    purpose: 'service',
    agentId: agent || 'unknown',
    teamId: r.accountcode || 'default',
    ...(phone.length >= 3 ? { customer: { phone } } : {}),
    startedAt: isoTime(r.start, opts.utcOffset) ?? r.start,
    answeredAt: answered ? (isoTime(r.answer, opts.utcOffset) ?? r.answer) : null,
    endedAt: isoTime(r.end, opts.utcOffset) ?? r.end,
    hangupBy: 'system',
    segments: answered ? (opts.transcripts?.[r.uniqueid] ?? []) : [],
  };
}
