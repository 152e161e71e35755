import { randomBytes } from 'node:crypto';
import { RedisEnv } from './base.env';
import { DEV_INTERNAL_SECRET } from './secrets';
import { EnvValidationError, validateEnv } from './validate-env';

describe(validateEnv.name, () => {
  const secret = randomBytes(32).toString('base64url');
  const validate = (raw: Record<string, unknown>) =>
    validateEnv(RedisEnv)({ INTERNAL_SECRET: secret, ...raw });

  it.each(['development', 'test', 'production'])(
    'refuses a missing or published INTERNAL_SECRET with NODE_ENV=%s, unless told it is insecure',
    (NODE_ENV) => {
      const raw = { PORT: '1', NODE_ENV };
      expect(() => validateEnv(RedisEnv)(raw)).toThrow(/INTERNAL_SECRET: it is not set/);
      expect(() => validate({ ...raw, INTERNAL_SECRET: DEV_INTERNAL_SECRET })).toThrow(
        /INTERNAL_SECRET:/,
      );
      expect(() => validate({ ...raw, INTERNAL_SECRET: 'sixteen-chars-ok' })).toThrow(
        /at least 32/,
      );
      expect(validateEnv(RedisEnv)({ ...raw, QA_INSECURE_DEV_SECRETS: '1' })).toMatchObject({
        INTERNAL_SECRET: DEV_INTERNAL_SECRET,
      });
    },
  );

  it('listens on loopback unless told otherwise', () => {
    expect(validate({ PORT: '1' })).toMatchObject({ HOST: '127.0.0.1' });
    expect(validate({ PORT: '1', HOST: '0.0.0.0' })).toMatchObject({ HOST: '0.0.0.0' });
  });

  it('applies defaults and converts numbers', () => {
    const env = validate({ PORT: '3002', KAFKA_PARTITIONS: '6' });
    expect(env).toMatchObject({ PORT: 3002, KAFKA_PARTITIONS: 6, KAFKA_BROKERS: '127.0.0.1:9092' });
  });

  it('reads OUTBOX_RELAY=false as false (not as a non-empty string)', () => {
    expect(validate({ PORT: '1', OUTBOX_RELAY: 'false' })).toMatchObject({ OUTBOX_RELAY: false });
    expect(validate({ PORT: '1' })).toMatchObject({ OUTBOX_RELAY: true });
  });

  it('logs to stdout unless told stderr, and refuses anything else', () => {
    expect(validate({ PORT: '1' })).toMatchObject({ LOG_STREAM: 'stdout' });
    expect(validate({ PORT: '1', LOG_STREAM: 'stderr' })).toMatchObject({ LOG_STREAM: 'stderr' });
    expect(() => validate({ PORT: '1', LOG_STREAM: '/var/log/qa.log' })).toThrow(/LOG_STREAM:/);
  });

  it('names every bad variable', () => {
    const bad = () =>
      validate({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        KAFKA_BROKERS: 'nohost',
        INTERNAL_SECRET: 'short',
      });
    expect(bad).toThrow(EnvValidationError);
    for (const name of ['PORT', 'DATABASE_URL', 'KAFKA_BROKERS', 'INTERNAL_SECRET']) {
      expect(bad).toThrow(new RegExp(`${name}:`));
    }
  });
});
