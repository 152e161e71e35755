import { ValidateBy, ValidationOptions } from 'class-validator';
import { parsePiiKey } from './pii-cipher';

/** An env variable holding PII_KEY: 32 random bytes as base64, base64url or hex. */
export function IsPiiKey(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPiiKey',
      validator: {
        validate: (v: unknown) => typeof v === 'string' && parsePiiKey(v) !== null,
        defaultMessage: () =>
          '$property must be 32 random bytes in base64 or hex (e.g. `openssl rand -base64 32`); npm start generates one into .run/secrets.env',
      },
    },
    options,
  );
}
