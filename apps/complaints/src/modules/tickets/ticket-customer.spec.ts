import { randomBytes } from 'node:crypto';
import { PiiCipher } from '@qa/pii';
import { customerLookup } from './ticket-customer';

describe(customerLookup.name, () => {
  const cipher = new PiiCipher(randomBytes(32).toString('base64'));

  it('hashes the id and the phone digits apart, per tenant, and keys the customer by the id first', () => {
    const both = customerLookup(cipher, 'acme', { id: 'u-7', phone: '138-0013-8000' });
    expect(both.idHmac).toMatch(/^ck_/);
    expect(both.phoneHmac).toBe(customerLookup(cipher, 'acme', { phone: '13800138000' }).phoneHmac);
    expect(both.customerKey).toBe(both.idHmac);
    expect(both.customerKey).toBe(cipher.customerKey('acme', { id: 'u-7', phone: '13800138000' }));
    expect(customerLookup(cipher, 'other', { id: 'u-7' }).idHmac).not.toBe(both.idHmac);
    expect(JSON.stringify(both)).not.toMatch(/u-7|13800138000/);
  });

  it('has no hashes for numbers not given', () => {
    expect(customerLookup(cipher, 'acme', { id: null, phone: ' ' })).toEqual({
      idHmac: null,
      phoneHmac: null,
      customerKey: null,
    });
    const phoneOnly = customerLookup(cipher, 'acme', { phone: '13800138000' });
    expect(phoneOnly.customerKey).toBe(phoneOnly.phoneHmac);
  });
});
