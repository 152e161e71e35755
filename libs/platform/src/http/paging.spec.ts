import { decodeCursor, encodeCursor, pageOf } from './paging';

describe('keyset cursors', () => {
  it('gives back the key it encoded, url-safe', () => {
    const cursor = encodeCursor([3, '2026-11-22T09:00:00+08:00', 'c-1']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 3)).toEqual([3, '2026-11-22T09:00:00+08:00', 'c-1']);
  });

  it('refuses what it did not make: another arity, not JSON, not an array', () => {
    expect(decodeCursor(encodeCursor(['a', 'b']), 3)).toBeNull();
    expect(decodeCursor('not-a-cursor', 2)).toBeNull();
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'), 1)).toBeNull();
  });
});

describe(pageOf.name, () => {
  it('keeps `limit` rows and points the cursor after the last one only when there is more', () => {
    const more = pageOf([1, 2, 3], 2, (n) => [n]);
    expect(more.page).toEqual([1, 2]);
    expect(decodeCursor(more.nextCursor!, 1)).toEqual([2]);
    expect(pageOf([1, 2], 2, (n) => [n])).toEqual({ page: [1, 2], nextCursor: null });
    expect(pageOf([], 2, (n: number) => [n])).toEqual({ page: [], nextCursor: null });
  });
});
