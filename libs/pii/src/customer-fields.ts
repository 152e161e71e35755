import { PiiCipher } from './pii-cipher';

/** Something holding a customer's phone and id (a stored call body, a call event's JSON form). */
export interface WithCustomer {
  customer?: { phone?: string; id?: string } | null;
}

function mapCustomer<T extends WithCustomer>(value: T, f: (s: string) => string): T {
  const c = value?.customer;
  if (!c || typeof c !== 'object') return value;
  const out = { ...c };
  if (typeof c.phone === 'string' && c.phone !== '') out.phone = f(c.phone);
  if (typeof c.id === 'string' && c.id !== '') out.id = f(c.id);
  return { ...value, customer: out };
}

/** A copy with customer.phone and customer.id encrypted (values already encrypted are kept). */
export function sealCustomer<T extends WithCustomer>(cipher: PiiCipher, value: T): T {
  return mapCustomer(value, (s) => (PiiCipher.isCiphertext(s) ? s : cipher.encrypt(s)));
}

/** A copy with customer.phone and customer.id in clear. */
export function openCustomer<T extends WithCustomer>(cipher: PiiCipher, value: T): T {
  return mapCustomer(value, (s) => cipher.decrypt(s));
}
