import { get } from 'node:http';
import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';

@Injectable()
export class DownstreamHealthIndicator {
  constructor(private readonly indicator: HealthIndicatorService) {}

  check(key: string, baseUrl: string): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(key);
    return new Promise((resolve) => {
      const req = get(new URL('/health', baseUrl), { timeout: 3000 }, (res) => {
        res.resume();
        resolve(
          res.statusCode === 200
            ? session.up()
            : session.down({ message: `status ${res.statusCode}` }),
        );
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (err) => resolve(session.down({ message: err.message })));
    });
  }
}
