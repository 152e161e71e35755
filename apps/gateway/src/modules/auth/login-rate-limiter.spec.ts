import { LoginRateLimiter } from './login-rate-limiter';

describe(LoginRateLimiter.name, () => {
  it('allows the limit within a window, refuses more, and allows again in the next window', () => {
    const limiter = new LoginRateLimiter(3, 60_000);
    const at = (ms: number) => limiter.tryAcquire('1.2.3.4|qa', ms);
    expect([at(0), at(1), at(2), at(3), at(59_999)]).toEqual([true, true, true, false, false]);
    expect(at(60_000)).toBe(true);
  });

  it('counts each key on its own', () => {
    const limiter = new LoginRateLimiter(1, 60_000);
    expect(limiter.tryAcquire('1.2.3.4|qa', 0)).toBe(true);
    expect(limiter.tryAcquire('1.2.3.4|qa', 1)).toBe(false);
    expect(limiter.tryAcquire('1.2.3.4|lead', 1)).toBe(true);
    expect(limiter.tryAcquire('5.6.7.8|qa', 1)).toBe(true);
  });

  it('forgets expired windows when many keys pile up, without forgetting live ones', () => {
    const limiter = new LoginRateLimiter(1, 1_000);
    for (let i = 0; i <= 10_001; i++) limiter.tryAcquire(`old-${i}`, 0);
    expect(limiter.tryAcquire('live', 1_500)).toBe(true);
    expect(limiter.tryAcquire('fresh', 1_600)).toBe(true);
    expect(limiter.tryAcquire('live', 1_700)).toBe(false);
  });
});
