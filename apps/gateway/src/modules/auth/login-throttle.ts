/** Failures a username gets before each further one makes it wait. */
export const FREE_FAILURES = 5;
/** The longest wait a username's failures can cause: a stranger delays an account, never locks it. */
export const MAX_BACKOFF_MS = 60_000;
/** Failed logins one client address may make, over every username, per window. */
export const ADDRESS_FAILURES = 20;
export const ADDRESS_WINDOW_MS = 5 * 60_000;
/** A username's failures are forgotten after this long without one. */
export const FAILURE_MEMORY_MS = 15 * 60_000;
const MAX_ENTRIES = 100_000;

export type Verdict = { allowed: true } | { allowed: false; retryAfterMs: number };

interface AccountState {
  failures: number;
  until: number;
  last: number;
}

/**
 * Login backoff per username and a failure limit per client address, in memory (per gateway
 * instance). A username is tracked the same way whether or not the account exists, so the answers
 * reveal nothing; an attempt refused while waiting is not counted, so the wait never grows
 * beyond MAX_BACKOFF_MS.
 */
export class LoginThrottle {
  private readonly accounts = new Map<string, AccountState>();
  private readonly addresses = new Map<string, number[]>();

  check(username: string, address: string, now: number): Verdict {
    const hits = this.recentFailures(address, now);
    if (hits.length >= ADDRESS_FAILURES) {
      return { allowed: false, retryAfterMs: hits[0] + ADDRESS_WINDOW_MS - now };
    }
    return this.waitOf(username, now);
  }

  /** Whether the username is waiting out its backoff (refresh is refused meanwhile too). */
  waitOf(username: string, now: number): Verdict {
    const account = this.accounts.get(username);
    return account && account.until > now
      ? { allowed: false, retryAfterMs: account.until - now }
      : { allowed: true };
  }

  failed(username: string, address: string, now: number): void {
    const hits = this.recentFailures(address, now);
    hits.push(now);
    this.remember(this.addresses, address, hits, now);
    const known = this.accounts.get(username);
    const account =
      known && now - known.last < FAILURE_MEMORY_MS ? known : { failures: 0, until: 0, last: now };
    account.failures++;
    account.last = now;
    const over = account.failures - FREE_FAILURES;
    if (over > 0) account.until = now + Math.min(1000 * 2 ** (over - 1), MAX_BACKOFF_MS);
    this.remember(this.accounts, username, account, now);
  }

  succeeded(username: string): void {
    this.accounts.delete(username);
  }

  private recentFailures(address: string, now: number): number[] {
    const hits = this.addresses.get(address) ?? [];
    while (hits.length > 0 && hits[0] <= now - ADDRESS_WINDOW_MS) hits.shift();
    return hits;
  }

  /** Bounded: idle entries go first; past the bound the oldest go (a flood forgets itself). */
  private remember<V>(map: Map<string, V>, key: string, value: V, now: number): void {
    map.delete(key);
    map.set(key, value);
    if (map.size <= MAX_ENTRIES) return;
    for (const [k, v] of map) {
      if (map.size <= MAX_ENTRIES * 0.9) break;
      if (this.idle(v, now) || map.size > MAX_ENTRIES) map.delete(k);
    }
  }

  private idle(v: unknown, now: number): boolean {
    if (Array.isArray(v)) return v.length === 0 || v[v.length - 1] <= now - ADDRESS_WINDOW_MS;
    const a = v as AccountState;
    return a.until <= now && a.last <= now - FAILURE_MEMORY_MS;
  }
}
