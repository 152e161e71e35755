import { bucketStart, nextBucket } from './time-buckets';

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
