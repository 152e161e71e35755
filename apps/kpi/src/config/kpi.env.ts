import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsPiiKey } from '@qa/pii';
import { RedisEnv } from '@qa/platform';

export class KpiEnv extends RedisEnv {
  override PORT = 3004;

  /**
   * Optional: kpi never opens a number. Given, a clear customer id from an event published before
   * the PII change becomes the opaque key the producers send now; without it, it is dropped.
   */
  @IsOptional() @IsPiiKey() PII_KEY?: string;

  /** The least time between two recomputes of stale buckets: at most one update a tick per bucket. */
  @Type(() => Number) @IsInt() @Min(20) @Max(5000) KPI_TICK_MS = 250;

  /**
   * Commits of this process's consumers wake the aggregator and the stream; idle, both look for
   * another instance's work this often.
   */
  @Type(() => Number) @IsInt() @Min(100) @Max(60_000) KPI_IDLE_POLL_MS = 5000;

  /** Stream comment lines that keep proxies and browsers from closing an idle stream. */
  @Type(() => Number) @IsInt() @Min(100) @Max(120_000) KPI_HEARTBEAT_MS = 15_000;

  /** How far back a reconnecting stream can resume with Last-Event-ID. */
  @Type(() => Number) @IsInt() @Min(1) @Max(24 * 30) KPI_UPDATES_RETENTION_HOURS = 24;
}
