import { MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy';

describe(passwordProblem.name, () => {
  it.each([
    ['Contract-pass-2026!', 'contract-mik3x9a-admin'],
    ['Proxy-pass-2026!', 'gp-1a2b3c4d-qa'],
    ['correct horse battery staple', 'qa1'],
    ['密码-很长-而且-不常见-2026', 'lead7'],
  ])('accepts %j for %s', (password, username) => {
    expect(passwordProblem(password, username)).toBeNull();
  });

  it.each([
    ['aaaaaaaaaaaa', 'qa1', /too easy to guess/],
    ['Password1234', 'qa1', /too easy to guess/],
    ['qwertyuiop123', 'qa1', /too easy to guess/],
    ['admin', 'admin', /at least 12/],
    ['demo-qa-pass', 'demo-qa', /username/],
    ['Demo QA pass 2026!', 'demo-qa', /username/],
    ['Xy!7 tenant-admin 2026', 'tenant-admin', /username/],
    ['x'.repeat(257), 'qa1', /at most 256/],
  ])('refuses %j for %s', (password, username, why) => {
    expect(passwordProblem(password, username)).toMatch(why);
  });

  it('asks for the documented minimum length', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
  });
});
