import type { NextFunction, Request, Response } from 'express';
import { Identity, IDENTITY_HEADER, IDENTITY_SIGNATURE_HEADER, verifyIdentity } from './identity';
import { NonceCache } from './nonce-cache';

/** Where the verifier leaves the identity it accepted (null: none or refused). */
export const VERIFIED_IDENTITY = Symbol('qa:verified-identity');
export type WithVerifiedIdentity = Request & { [VERIFIED_IDENTITY]?: Identity | null };

/**
 * Express middleware mounted before any body parser: the signature's age and nonce are checked
 * when the request arrives, so a slow upload is not refused and a replay during one is.
 */
export function identityVerifier(secret: string, nonces = new NonceCache()) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const now = Date.now();
    const verified = verifyIdentity(
      req.header(IDENTITY_HEADER),
      req.header(IDENTITY_SIGNATURE_HEADER),
      secret,
      { method: req.method, path: req.originalUrl },
      now,
    );
    (req as WithVerifiedIdentity)[VERIFIED_IDENTITY] =
      verified && nonces.claim(verified.nonce, verified.expiresAt, now) ? verified.identity : null;
    next();
  };
}
