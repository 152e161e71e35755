export * from './service-core.module';
export * from './health/health.module';
export * from './health/redis.health';
