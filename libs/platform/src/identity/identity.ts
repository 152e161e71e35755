import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const ROLES = ['platform_admin', 'admin', 'qa', 'lead', 'ops', 'agent'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as established by the gateway from the access token. */
export interface Identity {
  userId: string;
  username: string;
  role: Role;
  /** null only for the platform admin, who belongs to no tenant. */
  tenantId: string | null;
  /** The agent id an agent-role user is linked to (agents see only their own calls). */
  agentId?: string;
  /** The team a lead leads or an agent works in (leads see their team's KPIs). */
  teamId?: string;
}

export const IDENTITY_HEADER = 'x-qa-identity';
export const IDENTITY_SIGNATURE_HEADER = 'x-qa-identity-sig';

/**
 * How long a signed identity stays valid after the gateway signed it, either way (clock skew
 * between hosts). Services check it when the request arrives, before reading the body. 5 s
 * refused real requests queued behind a saturated service (bench: 135–245 401s per phase);
 * the nonce still makes each signature single-use within the window.
 */
export const IDENTITY_MAX_AGE_MS = 30_000;

/** Roles that may read unmasked phone, ID-card and bank-card numbers. */
export const PII_ROLES: readonly Role[] = ['platform_admin', 'admin', 'lead'];

export function canSeePii(identity: Identity): boolean {
  return PII_ROLES.includes(identity.role);
}

/** The request a signature is bound to: replaying it on another method or path fails. */
export interface SignedRequest {
  method: string;
  /** The path with its query string, as the service receives it (req.originalUrl). */
  path: string;
}

/** What the identity header carries besides the identity. */
interface Envelope {
  id: Identity;
  /** Issue time, ms since the epoch. */
  iat: number;
  nonce: string;
  m: string;
  p: string;
}

export interface VerifiedIdentity {
  identity: Identity;
  nonce: string;
  /** When the signature stops being accepted (ms): the nonce must be remembered until then. */
  expiresAt: number;
}

/** Headers the gateway adds when forwarding; services trust nothing else from outside. */
export function signIdentity(
  identity: Identity,
  secret: string,
  request: SignedRequest,
  now = Date.now(),
  nonce = randomBytes(16).toString('base64url'),
): Record<string, string> {
  const envelope: Envelope = {
    id: identity,
    iat: now,
    nonce,
    m: request.method.toUpperCase(),
    p: request.path,
  };
  const value = Buffer.from(JSON.stringify(envelope)).toString('base64url');
  return { [IDENTITY_HEADER]: value, [IDENTITY_SIGNATURE_HEADER]: hmac(value, secret) };
}

/**
 * Checks the signature (constant time), then that it was issued for this method and path within
 * IDENTITY_MAX_AGE_MS of `now`. Replays are the caller's to refuse, with the returned nonce.
 */
export function verifyIdentity(
  value: string | undefined,
  signature: string | undefined,
  secret: string,
  request: SignedRequest,
  now = Date.now(),
): VerifiedIdentity | null {
  if (!value || !signature) return null;
  const expected = Buffer.from(hmac(value, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  let envelope: Envelope;
  try {
    envelope = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Envelope;
  } catch {
    return null;
  }
  const { id, iat, nonce, m, p } = envelope ?? {};
  if (typeof iat !== 'number' || typeof nonce !== 'string' || nonce.length < 16) return null;
  if (Math.abs(now - iat) > IDENTITY_MAX_AGE_MS) return null;
  if (m !== request.method.toUpperCase() || p !== request.path) return null;
  if (!id || !ROLES.includes(id.role) || typeof id.userId !== 'string') return null;
  return { identity: id, nonce, expiresAt: iat + IDENTITY_MAX_AGE_MS };
}

function hmac(value: string, secret: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}
