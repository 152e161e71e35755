import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { createValidationPipe, ProblemError } from '@qa/platform';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';

/**
 * Issue 18 item 2: whatever a client sends, every request DTO of every service answers through
 * the global validation pipe with either a valid instance or a 400 that names fields — never
 * another error (a TypeError from a transform would be a 500). DTOs are found, not listed, so a
 * new one is covered the day it is written.
 */
const APPS = join(__dirname, '../../apps');
type DtoClass = new () => object;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'migrations' ? [] : sources(path);
    const candidate = /\.(dto|controller)\.ts$/.test(name) || dir.endsWith('/dto');
    return candidate && !name.endsWith('spec.ts') ? [path] : [];
  });
}

const storage = getMetadataStorage();
const validatedProperties = (cls: DtoClass) => [
  ...new Set(storage.getTargetValidationMetadatas(cls, '', true, false).map((m) => m.propertyName)),
];

const dtos: [string, DtoClass][] = sources(APPS)
  .flatMap((file) =>
    // Found at run time, so it.each has them when the suite is defined.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Object.entries(require(file) as Record<string, unknown>).map(
      ([name, value]): [string, unknown] => [`${relative(APPS, file)}:${name}`, value],
    ),
  )
  .filter(
    (e): e is [string, DtoClass] =>
      typeof e[1] === 'function' &&
      !/Response/.test(e[0]) &&
      validatedProperties(e[1] as DtoClass).length > 0,
  );

/** Values of every JSON shape, and the odd ones a parser hands over (deep nesting, long text). */
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, '', ' ', '0', '-1', 'NaN', '1e309', '2026-02-30', 'true', '__proto__'),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ minLength: 5000, maxLength: 6000 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** An object using the DTO's own property names (so nested and typed fields are reached). */
const bodyFor = (cls: DtoClass) =>
  fc.oneof(
    jsonish,
    fc.record(Object.fromEntries(validatedProperties(cls).map((p) => [p, jsonish])), {
      requiredKeys: [],
    }),
  );

async function outcome(pipe: ValidationPipe, cls: DtoClass, body: unknown, type: 'body' | 'query') {
  const meta: ArgumentMetadata = { type, metatype: cls, data: '' };
  try {
    const value = await pipe.transform(body, meta);
    return value instanceof cls ? 'valid' : `not an instance: ${typeof value}`;
  } catch (e) {
    if (!(e instanceof ProblemError))
      return `threw ${(e as Error)?.constructor?.name}: ${String(e)}`;
    const { status, errors } = e;
    return status === 400 && (errors?.length ?? 0) > 0 ? 'rejected' : `problem ${status}`;
  }
}

describe('every request DTO under fast-check', () => {
  const pipe = createValidationPipe();

  it('finds the request DTOs of every service', () => {
    const services = new Set(dtos.map(([name]) => name.split('/')[0]));
    expect([...services].sort()).toEqual(
      expect.arrayContaining(['complaints', 'gateway', 'ingestion', 'scoring']),
    );
    expect(dtos.length).toBeGreaterThanOrEqual(25);
  });

  it.each(dtos)(
    '%s: a valid instance or a 400 naming fields, never another error',
    async (_, cls) => {
      await fc.assert(
        fc.asyncProperty(
          bodyFor(cls),
          fc.constantFrom('body' as const, 'query' as const),
          async (body, type) => {
            const result = await outcome(pipe, cls, body, type);
            expect(['valid', 'rejected']).toContain(result);
          },
        ),
        { numRuns: 60 },
      );
    },
  );
});
