import { fromWallClock, isTimeZone, zonedDate, zonedDateTime, wallClock } from './zoned-time';

describe('zoned time', () => {
  it('reads an instant on the zone’s wall clock', () => {
    const t = Date.parse('2026-11-22T16:30:05Z');
    expect(wallClock(t, 'Asia/Shanghai')).toEqual({
      year: 2026,
      month: 11,
      day: 23,
      hour: 0,
      minute: 30,
      second: 5,
    });
    expect(zonedDate(t, 'Asia/Shanghai')).toBe('2026-11-23');
    expect(zonedDateTime(t, 'America/New_York')).toBe('2026-11-22 11:30:05');
  });

  it('finds the instant of a wall-clock time on both sides of a DST change', () => {
    expect(new Date(fromWallClock('America/New_York', 2026, 3, 7, 12)).toISOString()).toBe(
      '2026-03-07T17:00:00.000Z',
    );
    expect(new Date(fromWallClock('America/New_York', 2026, 3, 9, 12)).toISOString()).toBe(
      '2026-03-09T16:00:00.000Z',
    );
    // Month 13 is January of the next year.
    expect(new Date(fromWallClock('Asia/Shanghai', 2026, 13, 1)).toISOString()).toBe(
      '2026-12-31T16:00:00.000Z',
    );
  });

  it('tells a zone from a made-up name', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
