import {
  ADDRESS_FAILURES,
  ADDRESS_WINDOW_MS,
  FAILURE_MEMORY_MS,
  FREE_FAILURES,
  LoginThrottle,
  MAX_BACKOFF_MS,
} from './login-throttle';

describe(LoginThrottle.name, () => {
  const failFrom = (
    t: LoginThrottle,
    n: number,
    user: string,
    at: (i: number) => string,
    now = 0,
  ) => {
    for (let i = 0; i < n; i++) t.failed(user, at(i), now);
  };

  it('lets a username fail a few times, then makes it wait longer after each failure, up to a minute', () => {
    const t = new LoginThrottle();
    failFrom(t, FREE_FAILURES, 'qa1', (i) => `10.0.0.${i}`);
    expect(t.check('qa1', '10.1.1.1', 0)).toEqual({ allowed: true });
    t.failed('qa1', '10.1.1.1', 0);
    expect(t.check('qa1', '10.1.1.1', 0)).toEqual({ allowed: false, retryAfterMs: 1000 });
    t.failed('qa1', '10.1.1.2', 1000);
    expect(t.check('qa1', '10.1.1.3', 1000)).toEqual({ allowed: false, retryAfterMs: 2000 });
    for (let i = 0; i < 20; i++) t.failed('qa1', `10.2.0.${i}`, 5000);
    expect(t.waitOf('qa1', 5000)).toEqual({ allowed: false, retryAfterMs: MAX_BACKOFF_MS });
    expect(t.waitOf('qa1', 5000 + MAX_BACKOFF_MS)).toEqual({ allowed: true });
  });

  it('forgets a username after a success, or after a quiet spell', () => {
    const t = new LoginThrottle();
    failFrom(t, FREE_FAILURES + 1, 'qa1', () => '10.0.0.1');
    t.succeeded('qa1');
    expect(t.check('qa1', '10.0.0.9', 0)).toEqual({ allowed: true });
    failFrom(t, FREE_FAILURES, 'lead1', (i) => `10.0.1.${i}`);
    t.failed('lead1', '10.0.2.1', FAILURE_MEMORY_MS);
    expect(t.waitOf('lead1', FAILURE_MEMORY_MS)).toEqual({ allowed: true });
  });

  it('limits the failures of one address over every username', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < ADDRESS_FAILURES; i++) t.failed(`user-${i}`, '6.6.6.6', i);
    expect(t.check('someone-else', '6.6.6.6', ADDRESS_FAILURES)).toEqual({
      allowed: false,
      retryAfterMs: ADDRESS_WINDOW_MS - ADDRESS_FAILURES,
    });
    expect(t.check('someone-else', '7.7.7.7', ADDRESS_FAILURES)).toEqual({ allowed: true });
    expect(t.check('someone-else', '6.6.6.6', ADDRESS_WINDOW_MS + 1)).toEqual({ allowed: true });
  });

  it('treats unknown and existing usernames alike (it never knows which is which)', () => {
    const t = new LoginThrottle();
    for (const user of ['admin', 'no-such-user'])
      failFrom(t, FREE_FAILURES + 1, user, (i) => `10.3.${i}.1`);
    expect(t.waitOf('admin', 0)).toEqual(t.waitOf('no-such-user', 0));
  });
});
