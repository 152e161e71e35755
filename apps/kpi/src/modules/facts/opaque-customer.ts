import { PiiCipher } from '@qa/pii';

/** The prefix of PiiCipher.customerKey: a value with it is already opaque. */
const KEY_PREFIX = 'ck_';

/**
 * The customer as a fact keeps it: the opaque key, never a number. A clear customer id (events
 * from before the PII change carried one) becomes the key the producer would send for it now
 * (PiiCipher.customerKey of the id, under the same PII_KEY), so old and new facts of one customer
 * still match; without PII_KEY it is dropped ('' = customer unknown, as for a call without one).
 */
export function opaqueCustomer(
  cipher: PiiCipher | null,
  tenantId: string,
  value: string | null | undefined,
): string {
  const v = value?.trim() ?? '';
  if (v === '' || v.startsWith(KEY_PREFIX)) return v;
  return cipher ? cipher.customerKey(tenantId, { id: v }) : '';
}
