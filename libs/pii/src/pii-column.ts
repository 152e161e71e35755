import type { ValueTransformer } from 'typeorm';
import { openCustomer, sealCustomer, WithCustomer } from './customer-fields';
import { PiiCipher } from './pii-cipher';

let current: PiiCipher | null = null;

/**
 * The process's cipher, set once at start-up from the validated PII_KEY (configurePii). Column
 * transformers are created when entity classes load, before any config exists, so they read it
 * here at each use.
 */
export function configurePii(piiKey: string): PiiCipher {
  current = new PiiCipher(piiKey);
  return current;
}

/** The cipher if PII_KEY was given, else null (a service that may run without the key). */
export function configuredPiiCipher(): PiiCipher | null {
  return current;
}

export function piiCipher(): PiiCipher {
  if (!current) throw new Error('PII_KEY not configured: call configurePii() at start-up');
  return current;
}

/**
 * TypeORM transformer for a JSON column holding `customer: {phone, id}`: both are encrypted on
 * every write through an entity (save, query-builder insert/update of the entity) and opened on
 * every read of the entity. Raw SQL bypasses transformers: use sealCustomer/openCustomer there.
 */
export const customerPiiTransformer: ValueTransformer = {
  to: (value: WithCustomer | null | undefined) =>
    value && typeof value === 'object' ? sealCustomer(piiCipher(), value) : value,
  from: (value: WithCustomer | null | undefined) =>
    value && typeof value === 'object' ? openCustomer(piiCipher(), value) : value,
};

/**
 * TypeORM transformer for a text column holding one personal number (a ticket's customer phone or
 * id): encrypted on write through an entity, opened on read. Not for columns used in WHERE: the
 * ciphertext differs on every write; look such values up by their keyed hash (PiiCipher.hmac).
 */
export const piiTextTransformer: ValueTransformer = {
  to: (value: string | null | undefined) =>
    typeof value === 'string' && value !== '' && !PiiCipher.isCiphertext(value)
      ? piiCipher().encrypt(value)
      : value,
  from: (value: string | null | undefined) =>
    typeof value === 'string' ? piiCipher().decrypt(value) : value,
};
