import { NonceCache } from './nonce-cache';

describe(NonceCache.name, () => {
  it('accepts a nonce once while it is live', () => {
    const cache = new NonceCache();
    expect(cache.claim('n-1', 5_000, 0)).toBe(true);
    expect(cache.claim('n-1', 5_000, 4_999)).toBe(false);
    expect(cache.claim('n-2', 5_000, 1)).toBe(true);
  });

  it('refuses an already expired signature', () => {
    expect(new NonceCache().claim('n-1', 5_000, 5_001)).toBe(false);
  });

  it('forgets expired nonces when full, and refuses rather than forget a live one', () => {
    const cache = new NonceCache(3);
    expect([1, 2, 3].map((i) => cache.claim(`n-${i}`, 100, 0))).toEqual([true, true, true]);
    expect(cache.claim('n-4', 100, 50)).toBe(false);
    expect(cache.claim('n-1', 100, 50)).toBe(false);
    expect(cache.claim('n-5', 300, 101)).toBe(true);
    expect(cache.size).toBe(1);
  });
});
