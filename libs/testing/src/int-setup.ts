import { randomBytes } from 'node:crypto';

// Integration tests talk to the real Postgres, Kafka and Redis that scripts/test.sh starts.
process.env.NODE_ENV = 'test';
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/qa_test';
process.env.KAFKA_BROKERS ??= '127.0.0.1:9092';
// Redis db 1: a platform `npm start` runs on db 0 has its own workers on the same queue names.
process.env.REDIS_URL ??= 'redis://127.0.0.1:6379/1';
// A fresh strong secret per test process: no test may pass on a published value.
process.env.INTERNAL_SECRET ??= randomBytes(32).toString('base64url');
// The same for PII_KEY: rows a test writes are encrypted with the run's own key.
process.env.PII_KEY ??= randomBytes(32).toString('base64');
process.env.JWT_SECRET ??= randomBytes(32).toString('base64url');
// The test database's platform admin outlives a run, so its password is stable (and strong).
process.env.ADMIN_PASSWORD ??= 'Int-test Platform-owner 2026!';
process.env.LOG_LEVEL ??= 'warn';
process.env.PORT ??= '0';
process.env.KAFKA_GROUP_PREFIX ??= 'test.';
// Test producers use kafkajs's default partitioner on purpose; its v2 migration notice is noise.
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
jest.setTimeout(120_000);
