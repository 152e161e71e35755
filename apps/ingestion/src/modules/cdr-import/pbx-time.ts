import { fromWallClock, isTimeZone } from '@qa/business-calendar';

const OFFSET = /^[+-]\d{2}:\d{2}$/;

/** Checks a zone: an offset like +08:00 or an IANA name like Asia/Shanghai. */
export function isValidZone(zone: string): boolean {
  return OFFSET.test(zone) || isTimeZone(zone);
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
  const [y, mo, d, h, min, s] = m.slice(1).map(Number);
  const instant = fromWallClock(zone, y, mo, d, h, min, s);
  const offset = Math.round((Date.UTC(y, mo - 1, d, h, min, s) - instant) / 60000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${wall}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
