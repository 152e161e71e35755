import type { CelHangups } from './asterisk-cel';
import { cdrToCall, readCdrCsv, toCdrRecord } from './asterisk-cdr';
import { fsToCall, readFreeswitchCdr } from './freeswitch-cdr';

export type CdrFormat = 'asterisk' | 'freeswitch';

/** A record as a call body for the normal validation, or why it could not be read. */
export type CdrItem =
  { line: number; call: Record<string, unknown> } | { line: number; problem: string };

export interface CdrOptions {
  tenantId: string;
  zone: string;
  transcripts?: Record<string, unknown>;
  /** Asterisk CEL HANGUP events: who hung up, joined to the CDRs by uniqueid or linkedid. */
  cel?: CelHangups;
}

/** One reader for the HTTP import and the CLI: Asterisk Master.csv, FreeSWITCH CSV or JSON. */
export function readCdrFile(format: CdrFormat, text: string, opts: CdrOptions): CdrItem[] {
  if (format === 'freeswitch') {
    return readFreeswitchCdr(text).map((row) =>
      'problem' in row ? row : { line: row.line, call: fsToCall(row.record, opts) },
    );
  }
  const { rows, header } = readCdrCsv(text);
  return rows.map(({ fields, line }) => {
    const rec = toCdrRecord(fields, header);
    return typeof rec === 'string' ? { line, problem: rec } : { line, call: cdrToCall(rec, opts) };
  });
}
