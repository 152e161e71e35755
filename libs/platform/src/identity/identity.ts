import { createHmac, timingSafeEqual } from 'node:crypto';

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
}

export const IDENTITY_HEADER = 'x-qa-identity';
export const IDENTITY_SIGNATURE_HEADER = 'x-qa-identity-sig';

/** Roles that may read unmasked phone, ID-card and bank-card numbers. */
export const PII_ROLES: readonly Role[] = ['platform_admin', 'admin', 'lead'];

export function canSeePii(identity: Identity): boolean {
  return PII_ROLES.includes(identity.role);
}

/** Headers the gateway adds when forwarding; services trust nothing else from outside. */
export function signIdentity(identity: Identity, secret: string): Record<string, string> {
  const value = Buffer.from(JSON.stringify(identity)).toString('base64url');
  return { [IDENTITY_HEADER]: value, [IDENTITY_SIGNATURE_HEADER]: hmac(value, secret) };
}

export function verifyIdentity(
  value: string | undefined,
  signature: string | undefined,
  secret: string,
): Identity | null {
  if (!value || !signature) return null;
  const expected = Buffer.from(hmac(value, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Identity;
    return ROLES.includes(parsed.role) && typeof parsed.userId === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

function hmac(value: string, secret: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}
