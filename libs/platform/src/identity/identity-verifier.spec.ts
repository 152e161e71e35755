import type { NextFunction, Request, Response } from 'express';
import { Identity, signIdentity } from './identity';
import { identityVerifier, VERIFIED_IDENTITY, WithVerifiedIdentity } from './identity-verifier';

const secret = 'a-secret-of-enough-length';
const lead: Identity = { userId: 'u2', username: 'lead1', role: 'lead', tenantId: 'acme' };

function arrive(verify: ReturnType<typeof identityVerifier>, headers: Record<string, string>) {
  const req = {
    method: 'GET',
    originalUrl: '/api/v1/calls',
    header: (name: string) => headers[name],
  } as unknown as WithVerifiedIdentity;
  const next = jest.fn<void, []>();
  verify(req as Request, {} as Response, next as NextFunction);
  expect(next).toHaveBeenCalledTimes(1);
  return req[VERIFIED_IDENTITY];
}

describe(identityVerifier.name, () => {
  it('accepts a fresh signature once; the same headers again are a replay', () => {
    const verify = identityVerifier(secret);
    const headers = signIdentity(lead, secret, { method: 'GET', path: '/api/v1/calls' });
    expect(arrive(verify, headers)).toEqual(lead);
    expect(arrive(verify, headers)).toBeNull();
  });

  it('leaves null for a request without identity or signed for another path', () => {
    const verify = identityVerifier(secret);
    expect(arrive(verify, {})).toBeNull();
    const other = signIdentity(lead, secret, { method: 'GET', path: '/api/v1/calls/c-1' });
    expect(arrive(verify, other)).toBeNull();
  });
});
