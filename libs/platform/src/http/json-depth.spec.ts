import {
  JsonTooDeepError,
  jsonNestsDeeperThan,
  MAX_JSON_DEPTH,
  verifyJsonDepth,
} from './json-depth';

const bytes = (s: string) => Buffer.from(s);
const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe(jsonNestsDeeperThan.name, () => {
  it('allows the limit and refuses one more level', () => {
    expect(jsonNestsDeeperThan(bytes(nested(MAX_JSON_DEPTH)))).toBe(false);
    expect(jsonNestsDeeperThan(bytes(nested(MAX_JSON_DEPTH + 1)))).toBe(true);
    expect(jsonNestsDeeperThan(bytes(nested(20_000)))).toBe(true);
  });

  it('counts depth, not the number of brackets', () => {
    const wide = JSON.stringify(Array.from({ length: 1000 }, () => ({ a: [1, { b: [] }] })));
    expect(jsonNestsDeeperThan(bytes(wide), 5)).toBe(false);
    expect(jsonNestsDeeperThan(bytes(wide), 4)).toBe(true);
    expect(jsonNestsDeeperThan(bytes('{"a":{"b":{"c":{}}}}'), 3)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ note: '[[[[{{{{ "quoted [" \\ ' + '['.repeat(100), n: 1 });
    expect(jsonNestsDeeperThan(bytes(text), 1)).toBe(false);
    expect(jsonNestsDeeperThan(bytes(JSON.stringify({ 文字: '【[[[】' })), 1)).toBe(false);
  });
});

describe(verifyJsonDepth.name, () => {
  it('throws a 400 for a too deep body and nothing for a normal one', () => {
    const call = (s: string) => () => verifyJsonDepth({} as never, {} as never, bytes(s));
    expect(call(nested(20_000))).toThrow(JsonTooDeepError);
    expect(call(nested(20_000))).toThrow(expect.objectContaining({ status: 400 }));
    expect(call('{"username":"qa","password":"x"}')).not.toThrow();
  });
});
