import { createHmac } from 'node:crypto';
import { JwtClaims, signJwt, verifyJwt } from './jwt';

const secret = 'a-jwt-secret-of-enough-length';
const claims = (over: Partial<JwtClaims> = {}): JwtClaims => ({
  sub: 'u-1',
  role: 'qa',
  tenantId: 'acme',
  iat: 1_000,
  exp: 1_900,
  ...over,
});
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const sign = (header: unknown, body: unknown, key = secret) => {
  const data = `${b64(header)}.${b64(body)}`;
  return `${data}.${createHmac('sha256', key).update(data).digest('base64url')}`;
};

describe(verifyJwt.name, () => {
  it('returns the claims of a token it signed until it expires', () => {
    const token = signJwt(claims(), secret);
    expect(verifyJwt(token, secret, 1_899)).toEqual(claims());
    expect(verifyJwt(token, secret, 1_900)).toBeNull();
  });

  it('produces a standard HS256 JWT', () => {
    const [header, body, sig] = signJwt(claims(), secret).split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
    expect(JSON.parse(Buffer.from(body, 'base64url').toString())).toEqual(claims());
    expect(sig).toBe(createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url'));
  });

  it('refuses another secret, a changed payload and a changed signature', () => {
    const token = signJwt(claims(), secret);
    expect(verifyJwt(token, 'another-secret-of-length', 1_000)).toBeNull();
    const [h, , s] = token.split('.');
    expect(verifyJwt(`${h}.${b64(claims({ role: 'admin' }))}.${s}`, secret, 1_000)).toBeNull();
    expect(verifyJwt(`${token.slice(0, -2)}AA`, secret, 1_000)).toBeNull();
  });

  it('refuses alg:none and any header other than HS256, even when correctly signed', () => {
    const body = b64(claims());
    expect(verifyJwt(`${b64({ alg: 'none', typ: 'JWT' })}.${body}.`, secret, 1_000)).toBeNull();
    expect(verifyJwt(sign({ alg: 'HS512', typ: 'JWT' }, claims()), secret, 1_000)).toBeNull();
  });

  it('refuses tokens without exp, with a non-JSON body or of the wrong shape', () => {
    const noExp: Record<string, unknown> = claims();
    delete noExp.exp;
    expect(verifyJwt(sign({ alg: 'HS256', typ: 'JWT' }, noExp), secret, 1_000)).toBeNull();
    expect(
      verifyJwt(sign({ alg: 'HS256', typ: 'JWT' }, { ...noExp, exp: '9999999999' }), secret, 1_000),
    ).toBeNull();
    for (const bad of ['', 'a.b', 'a.b.c.d', '...', 'not a token'])
      expect(verifyJwt(bad, secret, 1_000)).toBeNull();
  });
});
