import { decodeCursor, encodeCursor } from './paging';

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
