import { InternalEnv } from '@qa/platform';

export class CoachingEnv extends InternalEnv {
  override PORT = 3005;
}
