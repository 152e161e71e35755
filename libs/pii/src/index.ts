export { luhnValid, maskName, maskPhone, maskPii, maskRange } from './pii-masker';
export { CIPHERTEXT_PREFIX, parsePiiKey, PiiCipher, PiiKeyError } from './pii-cipher';
export { openCustomer, sealCustomer } from './customer-fields';
export type { WithCustomer } from './customer-fields';
export {
  configurePii,
  configuredPiiCipher,
  customerPiiTransformer,
  piiCipher,
  piiTextTransformer,
} from './pii-column';
export { IsPiiKey } from './pii-key.validator';
export { openEventCustomer, sealEventCustomer } from './event-customer';
export type { EventCustomer } from './event-customer';
export { rewriteCustomerRows } from './rewrite-customer-rows';
export { rewriteTextColumn } from './rewrite-text-column';
