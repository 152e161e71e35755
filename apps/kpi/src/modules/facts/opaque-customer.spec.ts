import { randomBytes } from 'node:crypto';
import { PiiCipher } from '@qa/pii';
import { opaqueCustomer } from './opaque-customer';

describe(opaqueCustomer.name, () => {
  const cipher = new PiiCipher(randomBytes(32).toString('base64'));

  it('turns a clear id into the key the producer sends for that customer now', () => {
    const key = opaqueCustomer(cipher, 't1', '110101199003071234');
    expect(key).toBe(cipher.customerKey('t1', { id: '110101199003071234' }));
    expect(key).toMatch(/^ck_/);
    expect(key).not.toContain('110101199003071234');
  });

  it('keeps opaque keys and blanks as they are', () => {
    expect(opaqueCustomer(cipher, 't1', 'ck_abc')).toBe('ck_abc');
    expect(opaqueCustomer(null, 't1', 'ck_abc')).toBe('ck_abc');
    expect([opaqueCustomer(cipher, 't1', ''), opaqueCustomer(cipher, 't1', undefined)]).toEqual([
      '',
      '',
    ]);
  });

  it('drops a clear id when there is no PII_KEY to derive its key', () => {
    expect(opaqueCustomer(null, 't1', '13800138000')).toBe('');
  });
});
