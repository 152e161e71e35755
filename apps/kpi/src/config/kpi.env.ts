import { RedisEnv } from '@qa/platform';

export class KpiEnv extends RedisEnv {
  override PORT = 3004;
}
