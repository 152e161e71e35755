import { bucketStart, businessHoursBetween, nextBucket } from './time-buckets';

const t = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe(bucketStart.name, () => {
  const at = t('2026-11-30T17:42:31.500Z'); // 2026-12-01 01:42 in Shanghai

  it('cuts minutes and hours by the clock and days and months by the tenant calendar', () => {
    expect(iso(bucketStart(at, 'minute', 'Asia/Shanghai'))).toBe('2026-11-30T17:42:00.000Z');
    expect(iso(bucketStart(at, 'hour', 'Asia/Shanghai'))).toBe('2026-11-30T17:00:00.000Z');
    expect(iso(bucketStart(at, 'day', 'Asia/Shanghai'))).toBe('2026-11-30T16:00:00.000Z');
    expect(iso(bucketStart(at, 'month', 'Asia/Shanghai'))).toBe('2026-11-30T16:00:00.000Z');
    expect(iso(bucketStart(at, 'day', 'UTC'))).toBe('2026-11-30T00:00:00.000Z');
    expect(iso(bucketStart(at, 'month', 'UTC'))).toBe('2026-11-01T00:00:00.000Z');
  });

  it('follows half-hour zones and daylight saving', () => {
    expect(iso(bucketStart(at, 'hour', 'Asia/Kolkata'))).toBe('2026-11-30T17:30:00.000Z');
    const summer = t('2026-07-01T12:00:00Z');
    expect(iso(bucketStart(summer, 'day', 'Europe/Berlin'))).toBe('2026-06-30T22:00:00.000Z');
    expect(iso(bucketStart(at, 'day', 'Europe/Berlin'))).toBe('2026-11-29T23:00:00.000Z');
  });

  it('steps to the next bucket across month ends', () => {
    const dec = t('2026-11-30T16:00:00Z');
    expect(iso(nextBucket(dec, 'month', 'Asia/Shanghai'))).toBe('2026-12-31T16:00:00.000Z');
    expect(iso(nextBucket(dec, 'day', 'Asia/Shanghai'))).toBe('2026-12-01T16:00:00.000Z');
    expect(nextBucket(dec, 'hour', 'Asia/Shanghai') - dec).toBe(3_600_000);
  });
});

describe(businessHoursBetween.name, () => {
  it('counts 09:00–18:00 on working days only', () => {
    // Fri 2026-11-27 17:00 → Mon 2026-11-30 10:00 Shanghai: 1 h + 1 h.
    expect(
      businessHoursBetween(t('2026-11-27T09:00:00Z'), t('2026-11-30T02:00:00Z'), 'Asia/Shanghai'),
    ).toBe(2);
    // Outside hours on both ends of one evening: nothing.
    expect(
      businessHoursBetween(t('2026-11-23T11:00:00Z'), t('2026-11-23T13:00:00Z'), 'Asia/Shanghai'),
    ).toBe(0);
  });

  it('skips public holidays and works make-up Saturdays', () => {
    // 2026-10-01..07 National Day holiday: the whole span is off.
    expect(
      businessHoursBetween(t('2026-10-01T00:00:00Z'), t('2026-10-03T00:00:00Z'), 'Asia/Shanghai'),
    ).toBe(0);
    const sat = t('2026-10-10T01:00:00Z'); // Sat 2026-10-10, a make-up working day
    expect(businessHoursBetween(sat, sat + 3_600_000, 'Asia/Shanghai')).toBe(1);
  });
});
