import { IsPiiKey } from '@qa/pii';
import { InternalEnv } from '@qa/platform';
import { DEFAULT_SECONDS_PER_RING } from '@qa/qa-rules';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';

export class IngestionEnv extends InternalEnv {
  /** Encrypts customer phone and id numbers at rest and keys customerKey (never in the database). */
  @IsPiiKey()
  PII_KEY!: string;

  override PORT = 3001;

  /** Used when a call carries no ringCount and its tenant no secondsPerRing. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  DEFAULT_SECONDS_PER_RING: number = DEFAULT_SECONDS_PER_RING;

  /** Where uploaded recordings are kept, one folder per tenant. */
  @IsString()
  @MinLength(1)
  RECORDINGS_DIR: string = '.run/recordings';

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  RECORDINGS_MAX_BYTES: number = 200 * 1024 * 1024;
}
