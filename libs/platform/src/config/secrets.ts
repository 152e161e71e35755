import { registerDecorator, ValidationArguments } from 'class-validator';

/** Set to 1 to run on the published development secrets below (never where anyone else can connect). */
export const INSECURE_DEV_SECRETS_FLAG = 'QA_INSECURE_DEV_SECRETS';

/** What a service falls back to when the flag is set and a secret is missing. */
export const DEV_INTERNAL_SECRET = 'dev-internal-secret-change-me';
export const DEV_JWT_SECRET = 'dev-jwt-secret-change-me-please';

export const MIN_SECRET_LENGTH = 32;
// Catches typed placeholders (aaaa…, abab…); a random 32-character hex secret has fewer than 12
// different characters 1 time in 56, fewer than 8 practically never.
const MIN_DISTINCT_CHARACTERS = 8;

/** Values published in this repository's history and common placeholders, in any case. */
const KNOWN = [
  DEV_INTERNAL_SECRET,
  DEV_JWT_SECRET,
  'test-internal-secret-0123456789',
  'bench-internal-secret-0123456789',
  'changeme',
  'change-me',
  'change_me',
  'secret',
  'password',
  'example',
];

/** Why `value` may not be used as a signing secret, or null when it may. */
export function secretProblem(name: string, value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return `${name} is not set`;
  if (value === DEV_INTERNAL_SECRET || value === DEV_JWT_SECRET) {
    return `${name} is not set (or is the published development default)`;
  }
  const lower = value.toLowerCase();
  if (KNOWN.some((known) => lower.includes(known))) {
    return `${name} is a published development value or contains a placeholder word`;
  }
  if (value.length < MIN_SECRET_LENGTH) {
    return `${name} must be at least ${MIN_SECRET_LENGTH} characters`;
  }
  if (new Set(value).size < MIN_DISTINCT_CHARACTERS) {
    return `${name} must hold at least ${MIN_DISTINCT_CHARACTERS} different characters`;
  }
  return null;
}

const HOW =
  `generate one with \`openssl rand -base64 32\` (npm start writes .run/secrets.env), ` +
  `or set ${INSECURE_DEV_SECRETS_FLAG}=1 on a development machine`;

/**
 * A signing secret: strong and unpublished, unless the insecure development flag is set on the
 * same env object. The same rule for every service, whatever NODE_ENV says.
 */
export function IsStrongSecret(): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isStrongSecret',
      target: target.constructor,
      propertyName: String(property),
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          insecureDevSecrets(args.object)
            ? typeof value === 'string' && value.length > 0
            : secretProblem(args.property, value) === null,
        // validateEnv prefixes the variable's name.
        defaultMessage: (args: ValidationArguments) =>
          `${secretProblem('it', args.value) ?? 'it is not set'}; ${HOW}`,
      },
    });
}

export function insecureDevSecrets(env: object): boolean {
  return (env as Record<string, unknown>)[INSECURE_DEV_SECRETS_FLAG] === true;
}
