/**
 * Nonces of identity signatures seen while they are still valid, so each is accepted once.
 * Bounded: when full of live entries it refuses new ones (fails closed) rather than forgetting
 * a live nonce, which would let that signature be replayed.
 */
export class NonceCache {
  // Insertion order is roughly expiry order (all entries share one lifetime), so pruning stops
  // at the first live entry.
  private readonly seen = new Map<string, number>();

  constructor(private readonly capacity = 200_000) {}

  /** true the first time a live nonce is offered; false for a replay or when full. */
  claim(nonce: string, expiresAt: number, now: number): boolean {
    if (expiresAt < now) return false;
    const known = this.seen.get(nonce);
    if (known !== undefined && known >= now) return false;
    if (this.seen.size >= this.capacity) this.prune(now);
    if (this.seen.size >= this.capacity) return false;
    this.seen.delete(nonce);
    this.seen.set(nonce, expiresAt);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private prune(now: number): void {
    for (const [nonce, expiresAt] of this.seen) {
      if (expiresAt >= now) break;
      this.seen.delete(nonce);
    }
    // Out-of-order expiries (clock skew between gateways) can hide behind a live head.
    if (this.seen.size >= this.capacity) {
      for (const [nonce, expiresAt] of this.seen) if (expiresAt < now) this.seen.delete(nonce);
    }
  }
}
