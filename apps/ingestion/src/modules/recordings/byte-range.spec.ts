import { answerFor, ifRangeHolds, MAX_RANGES, noneMatch, parseRange } from './byte-range';

const part = (...ranges: [number, number][]) => ({
  kind: 'partial',
  ranges: ranges.map(([start, end]) => ({ start, end })),
});

describe(parseRange.name, () => {
  it('serves the whole file without a Range header, or with a unit it does not know', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'full' });
    expect(parseRange('items=0-1', 100)).toEqual({ kind: 'full' });
  });

  it('parses open, closed and suffix ranges, clamping the end', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual(part([0, 9]));
    expect(parseRange('bytes=90-', 100)).toEqual(part([90, 99]));
    expect(parseRange('bytes=-10', 100)).toEqual(part([90, 99]));
    expect(parseRange('bytes=50-500', 100)).toEqual(part([50, 99]));
  });

  it('keeps several ranges in order, merging those that overlap or touch', () => {
    expect(parseRange('bytes=0-1,5-6', 100)).toEqual(part([0, 1], [5, 6]));
    expect(parseRange('bytes=50-59, 0-9', 100)).toEqual(part([0, 9], [50, 59]));
    expect(parseRange('bytes=0-9,10-19,5-12', 100)).toEqual(part([0, 19]));
    expect(parseRange('bytes=0-9,200-300', 100)).toEqual(part([0, 9]));
    expect(parseRange('bytes=0-1,-5', 100)).toEqual(part([0, 1], [95, 99]));
  });

  it(`answers the whole file for more than ${MAX_RANGES} ranges`, () => {
    const many = Array.from({ length: MAX_RANGES + 1 }, (_, i) => `${i * 3}-${i * 3}`).join(',');
    expect(parseRange(`bytes=${many}`, 1000)).toEqual({ kind: 'full' });
  });

  it('refuses ranges it cannot satisfy', () => {
    for (const h of ['bytes=100-', 'bytes=5-1', 'bytes=-0', 'bytes=-', 'bytes=0-1,x', 'bytes=']) {
      expect({ h, r: parseRange(h, 100) }).toEqual({ h, r: { kind: 'unsatisfiable' } });
    }
  });
});

describe('conditional requests', () => {
  const etag = '"abc"';
  const file = { etag, size: 100 };

  it('matches If-None-Match weakly, in a list, or with *', () => {
    expect(noneMatch('"abc"', etag)).toBe(true);
    expect(noneMatch('W/"abc"', etag)).toBe(true);
    expect(noneMatch('"x", "abc"', etag)).toBe(true);
    expect(noneMatch('*', etag)).toBe(true);
    expect(noneMatch('"x"', etag)).toBe(false);
    expect(noneMatch(undefined, etag)).toBe(false);
  });

  it('lets If-Range hold only for the current strong ETag', () => {
    expect(ifRangeHolds(undefined, etag)).toBe(true);
    expect(ifRangeHolds('"abc"', etag)).toBe(true);
    expect(ifRangeHolds('W/"abc"', etag)).toBe(false);
    expect(ifRangeHolds('"old"', etag)).toBe(false);
    expect(ifRangeHolds('Sun, 22 Nov 2026 09:00:00 GMT', etag)).toBe(false);
  });

  it('answers 304, 200, 206 or 416', () => {
    expect(answerFor({ ifNoneMatch: etag, range: 'bytes=0-1' }, file)).toEqual({ status: 304 });
    expect(answerFor({}, file)).toEqual({ status: 200 });
    expect(answerFor({ range: 'bytes=0-1', ifRange: '"old"' }, file)).toEqual({ status: 200 });
    expect(answerFor({ range: 'bytes=0-1', ifRange: etag }, file)).toEqual({
      status: 206,
      ranges: [{ start: 0, end: 1 }],
    });
    expect(answerFor({ range: 'bytes=0-1,4-5' }, file)).toMatchObject({ status: 206 });
    expect(answerFor({ range: 'bytes=500-' }, file)).toEqual({ status: 416 });
    expect(answerFor({ range: 'bytes=500-', ifRange: '"old"' }, file)).toEqual({ status: 200 });
  });
});
