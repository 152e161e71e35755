import type { PiiCipher } from '@qa/pii';

/** The keyed hashes (HMAC under PII_KEY) a ticket's customer is looked up by, never the numbers. */
export interface CustomerLookup {
  idHmac: string | null;
  phoneHmac: string | null;
  /** The opaque key call events carry: the id's hash, else the phone's (PiiCipher.customerKey). */
  customerKey: string | null;
}

export function customerLookup(
  cipher: PiiCipher,
  tenantId: string,
  customer: { id?: string | null; phone?: string | null },
): CustomerLookup {
  const idHmac = cipher.customerKey(tenantId, { id: customer.id ?? '' }) || null;
  const phoneHmac = cipher.customerKey(tenantId, { phone: customer.phone ?? '' }) || null;
  return { idHmac, phoneHmac, customerKey: idHmac ?? phoneHmac };
}
