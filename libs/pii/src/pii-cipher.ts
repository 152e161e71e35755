import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** Marks a value this cipher wrote: `pii:v1:` + base64url(iv ‖ tag ‖ ciphertext). */
export const CIPHERTEXT_PREFIX = 'pii:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** PII_KEY as given (base64, base64url or hex) → its 32 bytes, or null if it is not 32 bytes. */
export function parsePiiKey(value: string | undefined): Buffer | null {
  if (typeof value !== 'string') return null;
  const v = value.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(v)
    ? Buffer.from(v, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(v)
      ? Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
      : null;
  return bytes && bytes.length === 32 ? bytes : null;
}

export class PiiKeyError extends Error {}

/**
 * AES-256-GCM for personal numbers at rest and HMAC-SHA256 for the opaque keys that stand for
 * them. Both keys are derived (HKDF) from one PII_KEY kept outside the database, so a database dump
 * holds neither numbers nor anything that recomputes them.
 */
export class PiiCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(piiKey: string) {
    const master = parsePiiKey(piiKey);
    if (!master) throw new PiiKeyError('PII_KEY must be 32 random bytes, base64 or hex');
    this.encKey = Buffer.from(hkdfSync('sha256', master, '', 'qa-pii-encrypt-v1', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', master, '', 'qa-pii-hmac-v1', 32));
  }

  static isCiphertext(value: unknown): value is string {
    return typeof value === 'string' && value.startsWith(CIPHERTEXT_PREFIX);
  }

  /** A fresh IV every time: the same number encrypts differently in every row. */
  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return CIPHERTEXT_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** Opens what encrypt() wrote; any other value (a row from before encryption) passes through. */
  decrypt(value: string): string {
    if (!PiiCipher.isCiphertext(value)) return value;
    const raw = Buffer.from(value.slice(CIPHERTEXT_PREFIX.length), 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new PiiKeyError('a PII ciphertext is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new PiiKeyError('a PII ciphertext does not open with this PII_KEY (another key?)');
    }
  }

  /** Deterministic keyed hash (exact-match lookups, opaque keys): base64url, 128 bits. */
  hmac(...parts: string[]): string {
    const mac = createHmac('sha256', this.macKey);
    parts.forEach((p, i) => mac.update(i === 0 ? p : `\u0000${p}`));
    return mac.digest().subarray(0, 16).toString('base64url');
  }

  /**
   * The opaque key for a tenant's customer: the same for every call of that customer (their CRM id,
   * else their phone digits), useless to anyone without PII_KEY. Empty when neither is known.
   */
  customerKey(tenantId: string, customer: { id?: string; phone?: string } | undefined): string {
    const id = customer?.id?.trim();
    if (id) return `ck_${this.hmac(tenantId, 'id', id)}`;
    const digits = (customer?.phone ?? '').replace(/\D/g, '');
    return digits ? `ck_${this.hmac(tenantId, 'phone', digits)}` : '';
  }
}
