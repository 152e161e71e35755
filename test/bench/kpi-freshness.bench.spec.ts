import { freshness } from './kpi-freshness.bench';

describe(freshness.name, () => {
  it('takes each call as seen at the first update of its minute that counts it', () => {
    const m = 60_000;
    const posted = [
      { sentAt: 1000, bucket: 0 },
      { sentAt: 1100, bucket: 0 },
      { sentAt: 1200, bucket: m },
    ];
    const updates = [
      { receivedAt: 1300, bucket: 0, calls: 1 },
      { receivedAt: 1600, bucket: 0, calls: 2 },
      { receivedAt: 1400, bucket: m, calls: 1 },
    ];
    expect(freshness(posted, updates)).toEqual({
      calls: 3,
      seen: 3,
      unseen: 0,
      p50Ms: 300,
      p99Ms: 500,
    });
  });

  it('counts calls no update showed', () => {
    const r = freshness([{ sentAt: 5, bucket: 0 }], [{ receivedAt: 1, bucket: 0, calls: 1 }]);
    expect(r).toMatchObject({ seen: 0, unseen: 1, p50Ms: null });
  });
});
