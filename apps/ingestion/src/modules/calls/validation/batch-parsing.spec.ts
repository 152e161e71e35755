import { parseBatch } from './batch-parsing';

describe(parseBatch.name, () => {
  it('takes a parsed JSON array as it is', () => {
    expect(parseBatch([{ a: 1 }])).toEqual([{ ok: true, value: { a: 1 } }]);
  });

  it('splits NDJSON by line, skipping blank lines, CR and a BOM, keeping line numbers', () => {
    const body = Buffer.from('\ufeff{"a":1}\r\n\n  \n{"b":2}');
    expect(parseBatch(body)).toEqual([
      { ok: true, line: 1, value: { a: 1 } },
      { ok: true, line: 4, value: { b: 2 } },
    ]);
  });

  it('rejects invalid UTF-8 and broken JSON per line, masking what the parser quotes', () => {
    const body = Buffer.concat([
      Buffer.from([0x7b, 0xff, 0x7d, 0x0a]),
      Buffer.from('{"phone": 13800138000x}\n'),
    ]);
    const [bad, broken] = parseBatch(body) as { ok: false; errors: { message: string }[] }[];
    expect(bad.errors[0].message).toBe('line is not valid UTF-8');
    expect(broken.errors[0].message).toMatch(/^line is not JSON/);
    expect(broken.errors[0].message).not.toContain('13800138000');
  });

  it('refuses a body that is neither an array nor NDJSON', () => {
    expect(parseBatch({ a: 1 })).toMatchObject({ path: '' });
    expect(parseBatch(undefined)).toMatchObject({ path: '' });
  });
});
