import { TokenVersions } from './token-versions';

describe(TokenVersions.name, () => {
  it('reads once per TTL and takes a version it is told at once', async () => {
    const db = new Map([['u1', 3]]);
    const load = jest.fn(async (id: string) => db.get(id) ?? null);
    const versions = new TokenVersions(load, 1000);
    expect(await versions.current('u1', 0)).toBe(3);
    db.set('u1', 4);
    expect(await versions.current('u1', 999)).toBe(3);
    expect(await versions.current('u1', 1000)).toBe(4);
    versions.set('u1', 5, 1001);
    expect(await versions.current('u1', 1002)).toBe(5);
    expect(await versions.current('gone', 0)).toBeNull();
    expect(load).toHaveBeenCalledTimes(3);
  });
});
