import { DEV_JWT_SECRET, InternalEnv, IsStrongSecret } from '@qa/platform';
import { Transform, TransformFnParams, Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { passwordProblem } from '../modules/auth/password-policy';

/** docker compose passes `VAR: ${VAR:-}` as an empty string. */
const emptyIsUnset = ({ value }: TransformFnParams): unknown => (value === '' ? undefined : value);

const url = { require_tld: false, protocols: ['http', 'https'] };

/** The platform admin's password before secrets were generated; replaced at start when found. */
export const LEGACY_ADMIN_PASSWORD = 'admin';

@ValidatorConstraint({ name: 'adminPasswordPolicy' })
class AdminPasswordPolicy implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return typeof value === 'string' && passwordProblem(value, usernameOf(args)) === null;
  }
  defaultMessage(args: ValidationArguments): string {
    return `the password ${passwordProblem(String(args.value), usernameOf(args)) ?? 'is refused'}`;
  }
}
const usernameOf = (args: ValidationArguments) =>
  String((args.object as { ADMIN_USERNAME?: string }).ADMIN_USERNAME ?? 'admin');

export class GatewayEnv extends InternalEnv {
  override PORT = 3000;
  /** The public entry point: every interface unless told otherwise. */
  override HOST = '0.0.0.0';

  @IsStrongSecret()
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

  /**
   * Needed only to create the platform admin (first start); npm start generates it. The same
   * password policy as every user, whatever QA_INSECURE_DEV_SECRETS says.
   */
  @Transform(emptyIsUnset)
  @IsOptional()
  @IsString()
  @Validate(AdminPasswordPolicy)
  ADMIN_PASSWORD?: string;

  /** Trusted reverse proxies (Express "trust proxy": loopback, an address, a hop count); none by default. */
  @Transform(emptyIsUnset)
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  @IsUrl(url)
  INGESTION_URL: string = 'http://127.0.0.1:3001';

  @IsUrl(url)
  SCORING_URL: string = 'http://127.0.0.1:3002';

  @IsUrl(url)
  COMPLAINTS_URL: string = 'http://127.0.0.1:3003';

  @IsUrl(url)
  KPI_URL: string = 'http://127.0.0.1:3004';

  @IsUrl(url)
  COACHING_URL: string = 'http://127.0.0.1:3005';

  /** The built dashboard (npm run build); served at /. */
  @IsString()
  WEB_DIST_DIR: string = 'web/dist';
}

/** Express's "trust proxy" from the env: a hop count, or addresses/subnets/names like loopback. */
export function parseTrustProxy(value: string): number | string[] {
  return /^\d+$/.test(value) ? Number(value) : value.split(',').map((v) => v.trim());
}
