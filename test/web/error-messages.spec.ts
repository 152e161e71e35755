import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_MESSAGES, problemText } from '../../web/src/error-messages';

/** Every problem code a service can answer, read from the error classes' code enums. */
function serviceCodes(): string[] {
  const root = join(__dirname, '..', '..');
  const codes = new Set<string>();
  const files = readdirSync(join(root, 'apps'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.errors.ts'))
    .map((f) => join('apps', f));
  for (const file of files)
    for (const m of readFileSync(join(root, file), 'utf8').matchAll(
      /^\s+\w+ = '([A-Z][A-Z_]+)',?$/gm,
    ))
      codes.add(m[1]);
  return [...codes].sort();
}

describe('the dashboard words every problem code in both languages', () => {
  it('has zh and en words for every code the services answer', () => {
    const codes = serviceCodes();
    expect(codes.length).toBeGreaterThan(50);
    expect(codes.filter((c) => !ERROR_MESSAGES[c])).toEqual([]);
    for (const c of codes) {
      const [zh, en] = ERROR_MESSAGES[c];
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).toMatch(/^[A-Z]/);
    }
  });

  it('words a problem by its code, else its status, else keeps the server words', () => {
    const stale = {
      code: 'USER_STALE_VERSION',
      status: 409,
      message: 'expectedVersion 1 is stale',
    };
    expect(problemText(stale, 'zh')).toContain('其他管理员');
    expect(problemText(stale, 'en')).toContain('Another admin');
    expect(problemText({ status: 400, message: 'body is not JSON' }, 'zh')).toBe(
      '请求有误,请检查标出的字段。',
    );
    expect(problemText({ status: 418, message: 'teapot' }, 'en')).toBe('teapot');
    expect(problemText({ code: 'NEW_CODE', status: 422, message: 'raw' }, 'zh')).toBe('raw');
  });
});
