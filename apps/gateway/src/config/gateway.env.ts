import { InternalEnv } from '@qa/platform';
import { Type } from 'class-transformer';
import { IsInt, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';

const url = { require_tld: false, protocols: ['http', 'https'] };

export const DEV_JWT_SECRET = 'dev-jwt-secret-change-me-please';
export const DEV_INTERNAL_SECRET = 'dev-internal-secret-change-me';
export const DEV_ADMIN_PASSWORD = 'admin';

export class GatewayEnv extends InternalEnv {
  override PORT = 3000;
  /** The public entry point: every interface unless told otherwise. */
  override HOST = '0.0.0.0';

  @IsString()
  @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET: string = DEV_JWT_SECRET;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS: number = 900;

  @Type(() => Number)
  @IsInt()
  @Min(300)
  @Max(90 * 86400)
  REFRESH_TOKEN_TTL_SECONDS: number = 7 * 86400;

  /** The platform admin created at first start. */
  @IsString()
  @MinLength(3)
  ADMIN_USERNAME: string = 'admin';

  @IsString()
  @MinLength(5)
  ADMIN_PASSWORD: string = DEV_ADMIN_PASSWORD;

  @IsUrl(url)
  INGESTION_URL: string = 'http://127.0.0.1:3001';

  @IsUrl(url)
  SCORING_URL: string = 'http://127.0.0.1:3002';

  @IsUrl(url)
  COMPLAINTS_URL: string = 'http://127.0.0.1:3003';

  @IsUrl(url)
  KPI_URL: string = 'http://127.0.0.1:3004';

  /** The built dashboard (npm run build); served at /. */
  @IsString()
  WEB_DIST_DIR: string = 'web/dist';
}

/** Production must not run on the well-known development secrets. */
export function productionProblems(
  env: Pick<GatewayEnv, 'NODE_ENV' | 'JWT_SECRET' | 'INTERNAL_SECRET' | 'ADMIN_PASSWORD'>,
): string[] {
  if (env.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (env.JWT_SECRET === DEV_JWT_SECRET) problems.push('JWT_SECRET is the development default');
  if (env.INTERNAL_SECRET === DEV_INTERNAL_SECRET)
    problems.push('INTERNAL_SECRET is the development default');
  if (env.ADMIN_PASSWORD === DEV_ADMIN_PASSWORD)
    problems.push('ADMIN_PASSWORD is the development default');
  return problems;
}
