import { parseRange } from './byte-range';

describe(parseRange.name, () => {
  it('serves the whole file without a Range header', () => {
    expect(parseRange(undefined, 100)).toEqual({ kind: 'full' });
  });

  it('parses open, closed and suffix ranges, clamping the end', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ kind: 'partial', start: 50, end: 99 });
  });

  it('refuses ranges it cannot satisfy', () => {
    for (const h of [
      'bytes=100-',
      'bytes=5-1',
      'bytes=-0',
      'items=0-1',
      'bytes=0-1,5-6',
      'bytes=-',
    ]) {
      expect(parseRange(h, 100)).toEqual({ kind: 'unsatisfiable' });
    }
  });
});
