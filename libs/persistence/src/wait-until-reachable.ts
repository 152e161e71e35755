import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** How long to keep trying from the first failure (ms). */
  waitMs: number;
  /** Whether a failure means "not reachable yet" (anything else is thrown at once). */
  transient: (err: unknown) => boolean;
  /** Told before each wait, so the service says what it is waiting for. */
  onWait?: (err: unknown, attempt: number, delayMs: number) => void;
}

/**
 * Runs `work` until it succeeds, while its failures are transient and the wait lasts: a service
 * started before its database or broker waits for it instead of exiting, as a supervisor would
 * otherwise restart it in a loop (seen in the fault test).
 */
export async function untilReachable<T>(work: () => Promise<T>, opts: WaitOptions): Promise<T> {
  const until = Date.now() + opts.waitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!opts.transient(err) || Date.now() >= until) throw err;
      const delayMs = Math.min(5_000, 250 * 2 ** (attempt - 1), Math.max(0, until - Date.now()));
      opts.onWait?.(err, attempt, delayMs);
      await sleep(delayMs);
    }
  }
}
