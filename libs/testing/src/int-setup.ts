// Integration tests talk to the real Postgres, Kafka and Redis that scripts/test.sh starts.
process.env.NODE_ENV = 'test';
process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/qa_test';
process.env.KAFKA_BROKERS ??= '127.0.0.1:9092';
process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
process.env.INTERNAL_SECRET ??= 'test-internal-secret-0123456789';
process.env.LOG_LEVEL ??= 'warn';
process.env.PORT ??= '0';
process.env.KAFKA_GROUP_PREFIX ??= 'test.';
// Test producers use kafkajs's default partitioner on purpose; its v2 migration notice is noise.
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
jest.setTimeout(120_000);
