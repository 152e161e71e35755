import { Transform, TransformFnParams, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';
import { DEV_INTERNAL_SECRET, IsStrongSecret } from './secrets';

/** docker compose passes `VAR: ${VAR:-}` as an empty string. */
const unsetIfEmpty = ({ value }: TransformFnParams): unknown => (value === '' ? undefined : value);
const otlpUrl = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** Variables every service reads. Defaults match deploy/ scripts and docker-compose.yml. */
export class BaseEnv {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /** 0 lets the OS pick (tests). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT!: number;

  /**
   * The address to listen on. Loopback by default: services are reached through the gateway
   * only; containers set 0.0.0.0 and rely on their network policy.
   */
  @IsString()
  @MinLength(1)
  HOST = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** stderr keeps stdout for a tool's own output (the benches print JSON there). */
  @IsIn(['stdout', 'stderr'])
  LOG_STREAM: 'stdout' | 'stderr' = 'stdout';

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/qa';

  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, {
    message: 'KAFKA_BROKERS must be host:port[,host:port…]',
  })
  KAFKA_BROKERS = '127.0.0.1:9092';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  KAFKA_PARTITIONS: number = 3;

  /** Run the outbox relay in this process (a benchmark of the write path turns it off). */
  // Read from the raw value: implicit conversion would turn the string "false" into true.
  @Transform(({ obj, key }) =>
    [true, 'true', '1'].includes((obj as Record<string, unknown>)[key] as string),
  )
  @IsBoolean()
  OUTBOX_RELAY: boolean = true;

  /** Prepended to consumer group ids, so a test run never shares groups with a running platform. */
  @IsOptional()
  @Matches(/^[a-z0-9._-]*$/, {
    message: 'KAFKA_GROUP_PREFIX may hold lowercase letters, digits, ".", "_", "-"',
  })
  KAFKA_GROUP_PREFIX?: string;

  /** 1: accept missing, published or weak secrets (a development machine only; logged loudly). */
  @Transform(({ obj, key }) =>
    [true, 'true', '1'].includes((obj as Record<string, unknown>)[key] as string),
  )
  @IsBoolean()
  QA_INSECURE_DEV_SECRETS: boolean = false;

  /** Bearer token a Prometheus scraper sends to GET /metrics; unset: only local callers. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** OTLP/HTTP collector base URL (`/v1/traces` is appended); set, spans are exported. */
  @Transform(unsetIfEmpty)
  @IsOptional()
  @IsUrl(otlpUrl)
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  /** The full traces URL, over OTEL_EXPORTER_OTLP_ENDPOINT. */
  @Transform(unsetIfEmpty)
  @IsOptional()
  @IsUrl(otlpUrl)
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  /** `otlp` exports (to http://localhost:4318 unless an endpoint is set); `none` never does. */
  @Transform(unsetIfEmpty)
  @IsOptional()
  @IsIn(['otlp', 'none'])
  OTEL_TRACES_EXPORTER?: 'otlp' | 'none';

  /** The resource's service.name; default `qa-<service>`. */
  @Transform(unsetIfEmpty)
  @IsOptional()
  @IsString()
  @MinLength(1)
  OTEL_SERVICE_NAME?: string;
}

/** Services behind the gateway verify forwarded identities with this shared secret. */
export class InternalEnv extends BaseEnv {
  @IsStrongSecret()
  INTERNAL_SECRET: string = DEV_INTERNAL_SECRET;
}

/** For services that use BullMQ or Redis. */
export class RedisEnv extends InternalEnv {
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';
}
