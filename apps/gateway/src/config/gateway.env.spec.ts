import { randomBytes } from 'node:crypto';
import { DEV_INTERNAL_SECRET, DEV_JWT_SECRET, EnvValidationError, validateEnv } from '@qa/platform';
import { GatewayEnv, parseTrustProxy } from './gateway.env';

describe(GatewayEnv.name, () => {
  const validate = validateEnv(GatewayEnv);
  const strong = () => randomBytes(32).toString('base64url');
  const good = () => ({ JWT_SECRET: strong(), INTERNAL_SECRET: strong() });

  it('starts on strong secrets, with or without an admin password', () => {
    expect(validate(good())).toMatchObject({ PORT: 3000, HOST: '0.0.0.0' });
    expect(validate({ ...good(), ADMIN_PASSWORD: 'Contract-pass-2026!' })).toBeInstanceOf(
      GatewayEnv,
    );
    expect(validate({ ...good(), ADMIN_PASSWORD: '', TRUST_PROXY: '' })).toMatchObject({
      ADMIN_PASSWORD: undefined,
      TRUST_PROXY: undefined,
    });
  });

  it.each(['development', 'test', 'production', undefined])(
    'refuses missing and published secrets whatever NODE_ENV is (%s)',
    (NODE_ENV) => {
      const env = NODE_ENV ? { NODE_ENV } : {};
      const bad = () =>
        validate({ ...env, JWT_SECRET: DEV_JWT_SECRET, INTERNAL_SECRET: DEV_INTERNAL_SECRET });
      expect(bad).toThrow(EnvValidationError);
      expect(bad).toThrow(/JWT_SECRET: it is not set \(or is the published development default\)/);
      expect(bad).toThrow(/INTERNAL_SECRET: it is not set/);
      expect(() => validate(env)).toThrow(
        /JWT_SECRET:.*\n.*INTERNAL_SECRET:|INTERNAL_SECRET:.*\n.*JWT_SECRET:/,
      );
    },
  );

  it('runs on the published secrets only with the insecure development flag', () => {
    expect(validate({ QA_INSECURE_DEV_SECRETS: '1' })).toMatchObject({
      JWT_SECRET: DEV_JWT_SECRET,
      INTERNAL_SECRET: DEV_INTERNAL_SECRET,
      QA_INSECURE_DEV_SECRETS: true,
    });
    expect(() => validate({ QA_INSECURE_DEV_SECRETS: '0' })).toThrow(/JWT_SECRET/);
  });

  it('refuses a weak platform admin password even with the insecure flag', () => {
    for (const ADMIN_PASSWORD of ['admin', 'admin-password-1', 'aaaaaaaaaaaaaaaa']) {
      expect(() => validate({ ...good(), ADMIN_PASSWORD })).toThrow(/ADMIN_PASSWORD: the password/);
      expect(() => validate({ QA_INSECURE_DEV_SECRETS: '1', ADMIN_PASSWORD })).toThrow(
        /ADMIN_PASSWORD/,
      );
    }
  });
});

describe(parseTrustProxy.name, () => {
  it('reads a hop count or a list of addresses', () => {
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('loopback, 10.0.0.0/8')).toEqual(['loopback', '10.0.0.0/8']);
  });
});
