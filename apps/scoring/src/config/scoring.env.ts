import { IsPiiKey } from '@qa/pii';
import { RedisEnv } from '@qa/platform';

export class ScoringEnv extends RedisEnv {
  /** Encrypts customer phone and id numbers at rest and keys customerKey (never in the database). */
  @IsPiiKey()
  PII_KEY!: string;

  override PORT = 3002;
}
