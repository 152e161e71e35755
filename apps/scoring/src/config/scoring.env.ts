import { RedisEnv } from '@qa/platform';

export class ScoringEnv extends RedisEnv {
  override PORT = 3002;
}
