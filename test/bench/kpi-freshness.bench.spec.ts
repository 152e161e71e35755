import { endingAt, freshness, freshnessError } from './kpi-freshness.bench';

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

  it('leaves refused calls out: they take no rank in their minute', () => {
    const posted = [
      { sentAt: 1000, bucket: 0, accepted: false },
      { sentAt: 1100, bucket: 0 },
    ];
    expect(freshness(posted, [{ receivedAt: 1300, bucket: 0, calls: 1 }])).toMatchObject({
      calls: 1,
      seen: 1,
      p50Ms: 200,
    });
  });

  it('counts calls no update showed', () => {
    const r = freshness([{ sentAt: 5, bucket: 0 }], [{ receivedAt: 1, bucket: 0, calls: 1 }]);
    expect(r).toMatchObject({ seen: 0, unseen: 1, p50Ms: null });
  });
});

describe(endingAt.name, () => {
  it('moves the whole call, so its segments still end before it does', () => {
    const call = {
      startedAt: '2026-11-22T01:00:00.000Z',
      answeredAt: '2026-11-22T01:00:05.000Z',
      endedAt: '2026-11-22T01:02:00.000Z',
      segments: [{ startMs: 0, endMs: 110_000 }],
    };
    expect(endingAt(call, Date.parse('2026-11-30T10:00:00.000Z'))).toEqual({
      startedAt: '2026-11-30T09:58:00.000Z',
      answeredAt: '2026-11-30T09:58:05.000Z',
      endedAt: '2026-11-30T10:00:00.000Z',
      segments: [{ startMs: 0, endMs: 110_000 }],
    });
  });
});

describe(freshnessError.name, () => {
  const ok = { posted: 10, rejected: 0, seen: 10, streamStatus: 200 };
  it('is null for a run that saw its calls', () => expect(freshnessError(ok)).toBeNull());
  it('names a run that saw no update', () =>
    expect(freshnessError({ ...ok, seen: 0 })).toBe(
      'no streamed KPI update showed any of the 10 calls',
    ));
  it('names refused calls and a refused stream', () => {
    expect(freshnessError({ ...ok, rejected: 3 })).toBe('3 of 10 calls were not accepted');
    expect(freshnessError({ ...ok, streamStatus: 401 })).toBe('the KPI stream answered 401');
  });
});
