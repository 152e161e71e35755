import { IsPiiKey } from '@qa/pii';
import { RedisEnv } from '@qa/platform';

export class ComplaintsEnv extends RedisEnv {
  /** Encrypts tickets' customer phone and id at rest and keys their lookups (never in the database). */
  @IsPiiKey()
  PII_KEY!: string;

  override PORT = 3003;
}
