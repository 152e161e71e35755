import { RedisEnv } from '@qa/platform';

export class ComplaintsEnv extends RedisEnv {
  override PORT = 3003;
}
