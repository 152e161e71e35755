import { InternalEnv } from '@qa/platform';
import { IsInt, Max, Min } from 'class-validator';

export class IngestionEnv extends InternalEnv {
  override PORT = 3001;

  /** Seed manuals: one ring is about 3 s; used when a call carries no ringCount. */
  @IsInt()
  @Min(1)
  @Max(30)
  DEFAULT_SECONDS_PER_RING = 3;
}
