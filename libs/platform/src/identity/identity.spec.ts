import {
  canSeePii,
  IDENTITY_HEADER,
  IDENTITY_SIGNATURE_HEADER,
  Identity,
  signIdentity,
  verifyIdentity,
} from './identity';

const secret = 'a-secret-of-enough-length';
const qa: Identity = { userId: 'u1', username: 'qa1', role: 'qa', tenantId: 'acme' };

describe(verifyIdentity.name, () => {
  it('accepts what signIdentity produced', () => {
    const h = signIdentity(qa, secret);
    expect(verifyIdentity(h[IDENTITY_HEADER], h[IDENTITY_SIGNATURE_HEADER], secret)).toEqual(qa);
  });

  it('refuses a forged identity, a wrong secret and missing headers', () => {
    const h = signIdentity(qa, secret);
    const forged = Buffer.from(JSON.stringify({ ...qa, tenantId: 'other' })).toString('base64url');
    expect(verifyIdentity(forged, h[IDENTITY_SIGNATURE_HEADER], secret)).toBeNull();
    expect(
      verifyIdentity(h[IDENTITY_HEADER], h[IDENTITY_SIGNATURE_HEADER], 'another-secret-value'),
    ).toBeNull();
    expect(verifyIdentity(undefined, undefined, secret)).toBeNull();
    expect(verifyIdentity(h[IDENTITY_HEADER], 'short', secret)).toBeNull();
  });

  it('refuses an unknown role even when signed', () => {
    const h = signIdentity({ ...qa, role: 'root' as Identity['role'] }, secret);
    expect(verifyIdentity(h[IDENTITY_HEADER], h[IDENTITY_SIGNATURE_HEADER], secret)).toBeNull();
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
