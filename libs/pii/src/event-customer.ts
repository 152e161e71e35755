import { PiiCipher } from './pii-cipher';

/** The customer as events carry it (proto qa.v1.Customer). */
export interface EventCustomer {
  phone: string;
  id: string;
  customerKey: string;
  sealed: string;
}

/**
 * The customer for an event every consumer reads: no number in clear, an opaque key to group by,
 * and the numbers sealed for the one consumer holding PII_KEY that needs them.
 */
export function sealEventCustomer(
  cipher: PiiCipher,
  tenantId: string,
  customer: { phone?: string; id?: string } | undefined,
): EventCustomer {
  const phone = customer?.phone ?? '';
  const id = customer?.id ?? '';
  return {
    phone: '',
    id: '',
    customerKey: cipher.customerKey(tenantId, { phone, id }),
    sealed: phone || id ? cipher.encrypt(JSON.stringify({ phone, id })) : '',
  };
}

/** Phone and id from an event's customer: sealed ones, or clear ones from older events. */
export function openEventCustomer(
  cipher: PiiCipher,
  customer: Partial<EventCustomer> | undefined,
): { phone: string; id: string } {
  if (customer?.sealed) {
    const opened = JSON.parse(cipher.decrypt(customer.sealed)) as { phone?: string; id?: string };
    return { phone: opened.phone ?? '', id: opened.id ?? '' };
  }
  return { phone: customer?.phone ?? '', id: customer?.id ?? '' };
}
