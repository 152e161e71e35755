import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';

@Injectable()
export class RedisHealthIndicator {
  constructor(private readonly indicator: HealthIndicatorService) {}

  async check(key: string, redis: Redis): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(key);
    try {
      const pong = await Promise.race([
        redis.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
      ]);
      return pong === 'PONG' ? session.up() : session.down({ message: String(pong) });
    } catch (err) {
      return session.down({ message: (err as Error).message });
    }
  }
}
