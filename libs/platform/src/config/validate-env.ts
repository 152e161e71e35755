import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export class EnvValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n  - ${problems.join('\n  - ')}`);
    this.name = EnvValidationError.name;
  }
}

/** Builds a ConfigModule `validate` function that fails fast with every bad variable named. */
export function validateEnv<T extends object>(cls: new () => T) {
  return (raw: Record<string, unknown>): T => {
    const env = plainToInstance(cls, raw, { enableImplicitConversion: true });
    const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
    if (errors.length > 0) {
      throw new EnvValidationError(
        errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`),
      );
    }
    return env;
  };
}
