import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { RedisEnv } from '@qa/platform';

export class KpiEnv extends RedisEnv {
  override PORT = 3004;

  /** How often stale buckets are recomputed: at most this many updates a second per bucket. */
  @Type(() => Number) @IsInt() @Min(20) @Max(5000) KPI_TICK_MS = 250;

  /** Stream comment lines that keep proxies and browsers from closing an idle stream. */
  @Type(() => Number) @IsInt() @Min(100) @Max(120_000) KPI_HEARTBEAT_MS = 15_000;

  /** How far back a reconnecting stream can resume with Last-Event-ID. */
  @Type(() => Number) @IsInt() @Min(1) @Max(24 * 30) KPI_UPDATES_RETENTION_HOURS = 24;
}
