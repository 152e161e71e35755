import { maskPii } from '@qa/pii';

/**
 * Issue 18 item 2: no log line of a test run may hold a personal number. A log line is a pino JSON
 * line (services log nothing else); its numeric fields (time, pid) are not text and are left out.
 */
export interface LogPiiFinding {
  file: string;
  line: number;
  /** The line with the numbers masked, so the report itself leaks nothing. */
  masked: string;
}

const NUMERIC_FIELD =
  /"(?:time|pid|hostname|responseTime|ms|durationMs|trace_id|span_id)":(?:\d+|"[^"]*")/g;
/**
 * Request ids (UUIDs), trace ids (hex) and W3C traceparents are not text either: their digit
 * groups read as a landline (d088-4563-8051 → 08845638051) or, a span id that happens to hold
 * no letter, a bank card, often enough to fail a run at random.
 */
const ID_TOKEN =
  /\b[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}\b|\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|\b(?=[0-9a-f]*[a-f])[0-9a-f]{16,}\b/gi;

export function isLogLine(line: string): boolean {
  return line.startsWith('{') && line.includes('"level"');
}

/** The line with its personal numbers masked, or null when it holds none. */
export function piiInLogLine(line: string): string | null {
  const text = line.replace(NUMERIC_FIELD, '').replace(ID_TOKEN, 'id');
  const masked = maskPii(text);
  return masked === text ? null : masked;
}

export function scanLog(
  file: string,
  content: string,
): { lines: number; findings: LogPiiFinding[] } {
  let lines = 0;
  const findings: LogPiiFinding[] = [];
  content.split('\n').forEach((raw, i) => {
    // Jest prefixes nothing to a child's stdout, but a console capture may indent it.
    const line = raw.trim();
    if (!isLogLine(line)) return;
    lines++;
    const masked = piiInLogLine(line);
    if (masked) findings.push({ file, line: i + 1, masked: masked.slice(0, 300) });
  });
  return { lines, findings };
}
