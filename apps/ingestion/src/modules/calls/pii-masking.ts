import { maskName, maskPhone, maskPii } from '@qa/pii';
import type { CallBody } from './calls.types';

/** The customer as a reader without PII permission sees it; the stored original is kept. */
export function maskCustomer(
  c: NonNullable<CallBody['customer']>,
): NonNullable<CallBody['customer']> {
  return {
    ...(c.id !== undefined ? { id: maskPii(c.id) } : {}),
    ...(c.phone !== undefined ? { phone: maskPhone(c.phone) } : {}),
    ...(c.name !== undefined ? { name: maskName(c.name) } : {}),
  };
}
