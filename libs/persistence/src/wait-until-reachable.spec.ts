import { untilReachable } from './wait-until-reachable';

const down = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
const transient = (err: unknown) => (err as { code?: string }).code === 'ECONNREFUSED';

describe(untilReachable.name, () => {
  it('tries again while the failure is transient, and returns the first success', async () => {
    let calls = 0;
    const waits: number[] = [];
    const result = await untilReachable(
      () => (++calls < 3 ? Promise.reject(down()) : Promise.resolve('up')),
      { waitMs: 10_000, transient, onWait: (_e, attempt) => waits.push(attempt) },
    );
    expect([result, calls, waits]).toEqual(['up', 3, [1, 2]]);
  });

  it('throws any other failure at once', async () => {
    let calls = 0;
    const bad = new Error('password authentication failed');
    await expect(
      untilReachable(() => (calls++, Promise.reject(bad)), { waitMs: 10_000, transient }),
    ).rejects.toBe(bad);
    expect(calls).toBe(1);
  });

  it('gives up with the last failure once the wait is over', async () => {
    let calls = 0;
    const started = Date.now();
    await expect(
      untilReachable(() => (calls++, Promise.reject(down())), { waitMs: 600, transient }),
    ).rejects.toThrow('ECONNREFUSED');
    expect(calls).toBeGreaterThan(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
