import { parseCsv } from './cdr-csv';

/** What a CEL HANGUP event says about one channel's end. */
export interface CelHangup {
  uniqueid: string;
  linkedid: string;
  channame: string;
  /** The channel that started the hang-up (extra.hangupsource); empty when Asterisk did not know. */
  source: string;
  cause?: number;
}

/** HANGUP events of a CEL log, by the ids a CDR row carries. */
export interface CelHangups {
  byUniqueid: Map<string, CelHangup[]>;
  byLinkedid: Map<string, CelHangup[]>;
  /** Lines that could not be read, with why (shown, never fatal: a CEL log is a hint). */
  problems: { line: number; problem: string }[];
}

/**
 * The columns of cel_custom.conf.sample's Master.csv mapping without a header row: eventtype,
 * eventtime, CALLERID(name, num, ANI, RDNIS, DNID), exten, context, channame, appname, appdata,
 * amaflags, accountcode, uniqueid, linkedid, BRIDGEPEER, [userfield,] userdeftype, eventextra —
 * 19 or 20 columns; eventextra is always last.
 */
const SAMPLE = { eventtype: 0, channame: 9, uniqueid: 14, linkedid: 15 } as const;

type Fields = Record<string, unknown>;

/**
 * Reads HANGUP events from a cel_custom CSV (the sample mapping, or any columns under a header
 * row naming eventtype, uniqueid, linkedid, channame and extra/eventextra), or from JSON: one
 * event object, an array of them, or one per line (cel_odbc rows, AMI CEL events), with the same
 * field names. Other event types are skipped.
 */
export function readCelHangups(text: string): CelHangups {
  const out: CelHangups = { byUniqueid: new Map(), byLinkedid: new Map(), problems: [] };
  const add = (line: number, f: Fields) => {
    if (String(f.eventtype ?? '').toUpperCase() !== 'HANGUP') return;
    const h = toHangup(f);
    if (typeof h === 'string') out.problems.push({ line, problem: h });
    else {
      push(out.byUniqueid, h.uniqueid, h);
      if (h.linkedid) push(out.byLinkedid, h.linkedid, h);
    }
  };
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    readJson(trimmed).forEach(([line, f]) => add(line, f));
    return out;
  }
  const rows = parseCsv(trimmed);
  const first = rows[0]?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  const header = first.includes('eventtype') && first.includes('uniqueid') ? first : undefined;
  for (const { fields, line } of header ? rows.slice(1) : rows) {
    if (header) add(line, Object.fromEntries(header.map((h, i) => [h, fields[i] ?? ''])));
    else if (fields.length < 19)
      out.problems.push({
        line,
        problem: `expected the 19 or 20 columns of cel_custom's sample mapping, or a header row; got ${fields.length}`,
      });
    else
      add(line, {
        eventtype: fields[SAMPLE.eventtype],
        channame: fields[SAMPLE.channame],
        uniqueid: fields[SAMPLE.uniqueid],
        linkedid: fields[SAMPLE.linkedid],
        extra: fields[fields.length - 1],
      });
  }
  return out;
}

function readJson(text: string): [line: number, f: Fields][] {
  const one = (v: unknown): Fields => (v && typeof v === 'object' ? (v as Fields) : {});
  try {
    const v: unknown = JSON.parse(text);
    return (Array.isArray(v) ? v : [v]).map((e, i) => [i + 1, one(e)]);
  } catch {
    // One object per line.
    return text.split('\n').flatMap((l, i): [number, Fields][] => {
      if (l.trim() === '') return [];
      try {
        return [[i + 1, one(JSON.parse(l))]];
      } catch {
        return [[i + 1, { eventtype: 'HANGUP', uniqueid: '', extra: 'not JSON' }]];
      }
    });
  }
}

function toHangup(f: Fields): CelHangup | string {
  const uniqueid = String(f.uniqueid ?? '').trim();
  if (!uniqueid) return 'HANGUP event without a uniqueid';
  const raw = f.extra ?? f.eventextra ?? '';
  let extra: Fields;
  try {
    extra =
      typeof raw === 'string' ? (raw.trim() ? (JSON.parse(raw) as Fields) : {}) : (raw as Fields);
  } catch {
    return `HANGUP event ${uniqueid}: extra is not JSON`;
  }
  const cause = Number(extra.hangupcause);
  return {
    uniqueid,
    linkedid: String(f.linkedid ?? '').trim(),
    channame: String(f.channame ?? '').trim(),
    source: String(extra.hangupsource ?? '').trim(),
    ...(Number.isInteger(cause) ? { cause } : {}),
  };
}

function push<T>(map: Map<string, T[]>, key: string, v: T): void {
  const list = map.get(key);
  if (list) list.push(v);
  else map.set(key, [v]);
}

/** A channel without its per-call suffix: PJSIP/1001-0000002a → PJSIP/1001. */
const deviceOf = (channel: string) => channel.replace(/-[0-9a-f]{8}(?:;\d)?$/i, '');

/**
 * Who hung up, from the HANGUP events of the CDR's channels (by its uniqueid, else its linkedid):
 * the first hangupsource that is the agent's or the customer's channel (the exact name, else the
 * same device). Undefined when no event names either side, so the caller keeps `unknown`.
 */
export function hangupByFromCel(
  cel: CelHangups,
  cdr: { uniqueid: string; linkedid: string; agentChannel: string; customerChannel: string },
): 'agent' | 'customer' | undefined {
  const events = [
    ...(cel.byUniqueid.get(cdr.uniqueid) ?? []),
    ...(cel.byLinkedid.get(cdr.linkedid || cdr.uniqueid) ?? []),
  ];
  const sides: [string, 'agent' | 'customer'][] = [
    [cdr.agentChannel, 'agent'],
    [cdr.customerChannel, 'customer'],
  ];
  for (const match of [
    (a: string, b: string) => a === b,
    (a: string, b: string) => deviceOf(a) === deviceOf(b),
  ]) {
    for (const e of events) {
      if (!e.source) continue;
      const side = sides.find(([channel]) => channel !== '' && match(channel, e.source));
      if (side) return side[1];
    }
  }
  return undefined;
}
