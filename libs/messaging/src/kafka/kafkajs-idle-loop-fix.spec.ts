import { applyKafkajsIdleLoopFix } from './kafkajs-idle-loop-fix';

interface Queue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: ReturnType<typeof setTimeout> | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: Queue };

describe(applyKafkajsIdleLoopFix.name, () => {
  const queue = (pending: number, throttledUntil: number): Queue =>
    Object.assign(Object.create(RequestQueue.prototype) as Queue, {
      pending: Array.from({ length: pending }),
      throttledUntil,
      throttleCheckTimeoutId: null,
      checkPendingRequests: jest.fn(),
    });

  it('applies to the installed kafkajs', () => {
    expect(applyKafkajsIdleLoopFix()).toBe(true);
  });

  it('plans no check when nothing is pending and nothing is throttled (the idle loop)', () => {
    const q = queue(0, -1);
    q.scheduleCheckPendingRequests();
    expect(q.throttleCheckTimeoutId).toBeNull();
  });

  it('still plans a check for a pending request, or for the end of a throttle', async () => {
    for (const [pending, throttleMs] of [
      [1, -1],
      [0, 20],
      [2, 20],
    ]) {
      const q = queue(pending, throttleMs < 0 ? -1 : Date.now() + throttleMs);
      q.scheduleCheckPendingRequests();
      expect(q.throttleCheckTimeoutId).not.toBeNull();
      await new Promise((r) => setTimeout(r, 40));
      expect(q.checkPendingRequests).toHaveBeenCalledTimes(1);
      expect(q.throttleCheckTimeoutId).toBeNull();
    }
  });

  it('never plans a second check while one is planned', () => {
    const q = queue(1, -1);
    q.scheduleCheckPendingRequests();
    const first = q.throttleCheckTimeoutId;
    q.scheduleCheckPendingRequests();
    expect(q.throttleCheckTimeoutId).toBe(first);
    clearTimeout(first!);
  });
});
