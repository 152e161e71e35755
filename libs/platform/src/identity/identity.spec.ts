import {
  canSeePii,
  IDENTITY_HEADER,
  IDENTITY_MAX_AGE_MS,
  IDENTITY_SIGNATURE_HEADER,
  Identity,
  signIdentity,
  verifyIdentity,
} from './identity';

const secret = 'a-secret-of-enough-length';
const qa: Identity = { userId: 'u1', username: 'qa1', role: 'qa', tenantId: 'acme' };
const get = { method: 'GET', path: '/api/v1/calls?limit=5' };
const t0 = 1_800_000_000_000;

const verify = (h: Record<string, string>, request = get, now = t0, key = secret) =>
  verifyIdentity(h[IDENTITY_HEADER], h[IDENTITY_SIGNATURE_HEADER], key, request, now);

describe(verifyIdentity.name, () => {
  it('accepts what signIdentity produced for the same request, with its nonce and expiry', () => {
    const h = signIdentity(qa, secret, get, t0);
    expect(verify(h)).toEqual({
      identity: qa,
      nonce: expect.stringMatching(/^[\w-]{22}$/),
      expiresAt: t0 + IDENTITY_MAX_AGE_MS,
    });
  });

  it('gives every signature its own nonce', () => {
    const a = signIdentity(qa, secret, get, t0);
    const b = signIdentity(qa, secret, get, t0);
    expect(a[IDENTITY_SIGNATURE_HEADER]).not.toBe(b[IDENTITY_SIGNATURE_HEADER]);
    expect(verify(a)?.nonce).not.toBe(verify(b)?.nonce);
  });

  it('refuses a forged identity, a wrong secret and missing headers', () => {
    const h = signIdentity(qa, secret, get, t0);
    const envelope = JSON.parse(Buffer.from(h[IDENTITY_HEADER], 'base64url').toString());
    const forged = Buffer.from(
      JSON.stringify({ ...envelope, id: { ...qa, tenantId: 'other' } }),
    ).toString('base64url');
    expect(verify({ ...h, [IDENTITY_HEADER]: forged })).toBeNull();
    expect(verify(h, get, t0, 'another-secret-value')).toBeNull();
    expect(verifyIdentity(undefined, undefined, secret, get, t0)).toBeNull();
    expect(verify({ ...h, [IDENTITY_SIGNATURE_HEADER]: 'short' })).toBeNull();
  });

  it('refuses a signature used on another method or path, or with another query', () => {
    const h = signIdentity(qa, secret, get, t0);
    expect(verify(h, { method: 'DELETE', path: get.path })).toBeNull();
    expect(verify(h, { method: 'GET', path: '/api/v1/calls/c-1' })).toBeNull();
    expect(verify(h, { method: 'GET', path: '/api/v1/calls?limit=500' })).toBeNull();
    expect(verify(h, { method: 'get', path: get.path })?.identity).toEqual(qa);
  });

  it('refuses a stale signature and one from too far in the future', () => {
    const h = signIdentity(qa, secret, get, t0);
    expect(verify(h, get, t0 + IDENTITY_MAX_AGE_MS)).not.toBeNull();
    expect(verify(h, get, t0 + IDENTITY_MAX_AGE_MS + 1)).toBeNull();
    expect(verify(h, get, t0 - IDENTITY_MAX_AGE_MS - 1)).toBeNull();
    expect(verify(h, get, t0 + 30 * 60_000)).toBeNull();
  });

  it('refuses an unknown role even when signed', () => {
    const h = signIdentity({ ...qa, role: 'root' as Identity['role'] }, secret, get, t0);
    expect(verify(h)).toBeNull();
  });
});

describe(canSeePii.name, () => {
  it('lets admins and leads see PII, not qa or agents', () => {
    expect(canSeePii({ ...qa, role: 'admin' })).toBe(true);
    expect(canSeePii({ ...qa, role: 'lead' })).toBe(true);
    expect(canSeePii(qa)).toBe(false);
    expect(canSeePii({ ...qa, role: 'agent' })).toBe(false);
  });
});
