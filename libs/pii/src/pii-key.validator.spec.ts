import { randomBytes } from 'node:crypto';
import { validateSync } from 'class-validator';
import { IsPiiKey } from './pii-key.validator';

class Env {
  @IsPiiKey()
  PII_KEY!: string;
}

const problems = (value: unknown) =>
  validateSync(Object.assign(new Env(), { PII_KEY: value })).map((e) => e.property);

describe(IsPiiKey.name, () => {
  it('accepts 32 random bytes and refuses a missing, short or placeholder key', () => {
    expect(problems(randomBytes(32).toString('base64'))).toEqual([]);
    expect(problems(randomBytes(32).toString('hex'))).toEqual([]);
    for (const bad of [undefined, '', 'change-me', randomBytes(24).toString('base64')]) {
      expect(problems(bad)).toEqual(['PII_KEY']);
    }
  });
});
