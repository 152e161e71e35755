/**
 * kafkajs 2.2.4 (the last release) re-arms a timer on every connection after each check of its
 * pending-request queue, even when nothing is pending and nothing is throttled. The delay is then
 * negative, which Node runs as 1 ms: an endless ~900-wakeups-a-second loop per open connection
 * (measured here: 3 % of a core for one idle producer) and, on Node 24, a TimeoutNegativeWarning.
 * Upstream: tulios/kafkajs#1704, #1751 (open). This replaces the scheduling method so a check is
 * planned only while something waits: a pending request (in 10 ms, or when the throttle ends) or
 * a throttle still running. Pending requests are also checked whenever a response or a timeout
 * frees a slot, as before.
 */
interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs's CHECK_PENDING_REQUESTS_INTERVAL. */
const RECHECK_MS = 10;
let applied = false;

export function applyKafkajsIdleLoopFix(): boolean {
  if (applied) return true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RequestQueue = require('kafkajs/src/network/requestQueue') as {
    prototype: RequestQueueInternals;
  };
  const proto = RequestQueue?.prototype;
  if (typeof proto?.scheduleCheckPendingRequests !== 'function') return false;
  proto.scheduleCheckPendingRequests = function (this: RequestQueueInternals) {
    if (this.throttleCheckTimeoutId) return;
    const untilUnthrottled = this.throttledUntil - Date.now();
    if (this.pending.length === 0 && untilUnthrottled <= 0) return;
    this.throttleCheckTimeoutId = setTimeout(
      () => {
        this.throttleCheckTimeoutId = null;
        this.checkPendingRequests();
      },
      untilUnthrottled > 0 ? untilUnthrottled : RECHECK_MS,
    );
  };
  applied = true;
  return true;
}
