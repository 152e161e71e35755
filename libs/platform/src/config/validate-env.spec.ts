import { RedisEnv } from './base.env';
import { EnvValidationError, validateEnv } from './validate-env';

describe(validateEnv.name, () => {
  const validate = validateEnv(RedisEnv);

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
