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
