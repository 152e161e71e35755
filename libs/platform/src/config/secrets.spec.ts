import { randomBytes } from 'node:crypto';
import { DEV_INTERNAL_SECRET, DEV_JWT_SECRET, secretProblem } from './secrets';

describe(secretProblem.name, () => {
  it('accepts generated secrets', () => {
    expect(secretProblem('S', randomBytes(32).toString('base64url'))).toBeNull();
    expect(secretProblem('S', randomBytes(16).toString('hex'))).toBeNull();
  });

  it('accepts every `openssl rand -hex 16` style secret (1 in 56 had under 12 distinct characters)', () => {
    const refused = Array.from({ length: 5000 }, () => randomBytes(16).toString('hex')).filter(
      (s) => secretProblem('S', s) !== null,
    );
    expect(refused).toEqual([]);
  });

  it.each([
    [undefined, /not set/],
    ['', /not set/],
    [DEV_INTERNAL_SECRET, /published development default/],
    [DEV_JWT_SECRET, /published development default/],
    ['test-internal-secret-0123456789', /published development value/],
    [`${DEV_JWT_SECRET}-but-longer-now-0123`, /published development value/],
    ['my-ChangeMe-production-key-0123456789', /placeholder/],
    ['admin1', /at least 32/],
    ['Q7f!x9Lm2#pR4tZ8', /at least 32/],
    ['x'.repeat(40), /8 different/],
    ['abababababababababababababababab12', /8 different/],
  ])('refuses %j', (value, why) => {
    expect(secretProblem('S', value)).toMatch(why);
  });
});
