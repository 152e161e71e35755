/** A wall-clock reading in a time zone (month 1–12). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();

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

/** A zone Intl knows, such as Asia/Shanghai. */
export function isTimeZone(zone: string): boolean {
  try {
    formatFor(zone);
    return true;
  } catch {
    return false;
  }
}

export function wallClock(instant: number | Date, zone: string): WallClock {
  const p = Object.fromEntries(
    formatFor(zone)
      .formatToParts(new Date(instant))
      .map((x) => [x.type, Number(x.value)]),
  );
  return {
    year: p.year,
    month: p.month,
    day: p.day,
    hour: p.hour,
    minute: p.minute,
    second: p.second,
  };
}

/**
 * The instant a wall-clock time stands for in `zone`; fields may overflow (day 32, month 13).
 * Two passes settle DST edges.
 */
export function fromWallClock(
  zone: string,
  year: number,
  month: number,
  day = 1,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  let t = wall;
  for (let i = 0; i < 2; i++) {
    const p = wallClock(t, zone);
    t += wall - Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  }
  return t;
}

const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (p: WallClock) => `${p.year}-${pad(p.month)}-${pad(p.day)}`;

/** YYYY-MM-DD of the instant in `zone`. */
export function zonedDate(instant: number | Date, zone: string): string {
  return dateOf(wallClock(instant, zone));
}

/** YYYY-MM-DD HH:MM:SS of the instant in `zone`. */
export function zonedDateTime(instant: number | Date, zone: string): string {
  const p = wallClock(instant, zone);
  return `${dateOf(p)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}
