import { randomBytes } from 'node:crypto';
import { openCustomer, sealCustomer } from './customer-fields';
import { openEventCustomer, sealEventCustomer } from './event-customer';
import { CIPHERTEXT_PREFIX, parsePiiKey, PiiCipher, PiiKeyError } from './pii-cipher';
import { configurePii, customerPiiTransformer, piiTextTransformer } from './pii-column';

const key = () => randomBytes(32).toString('base64');

describe(PiiCipher.name, () => {
  it('encrypts with a fresh IV each time and opens what it wrote', () => {
    const c = new PiiCipher(key());
    const a = c.encrypt('13800138000');
    const b = c.encrypt('13800138000');
    expect(a.startsWith(CIPHERTEXT_PREFIX)).toBe(true);
    expect(a).not.toBe(b);
    expect(a).not.toContain('13800138000');
    expect(c.decrypt(a)).toBe('13800138000');
    expect(c.decrypt(c.encrypt('身份证110101199003074514'))).toBe('身份证110101199003074514');
  });

  it('refuses a ciphertext changed by one bit, or opened with another key', () => {
    const c = new PiiCipher(key());
    const sealed = c.encrypt('13800138000');
    const raw = Buffer.from(sealed.slice(CIPHERTEXT_PREFIX.length), 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => c.decrypt(CIPHERTEXT_PREFIX + raw.toString('base64url'))).toThrow(PiiKeyError);
    expect(() => new PiiCipher(key()).decrypt(sealed)).toThrow(PiiKeyError);
  });

  it('passes through values written before encryption', () => {
    expect(new PiiCipher(key()).decrypt('13800138000')).toBe('13800138000');
  });

  it('accepts 32-byte keys in base64, base64url or hex and nothing weaker', () => {
    const bytes = randomBytes(32);
    for (const form of [
      bytes.toString('base64'),
      bytes.toString('base64url'),
      bytes.toString('hex'),
    ]) {
      expect(parsePiiKey(form)).toEqual(bytes);
    }
    for (const weak of [undefined, '', 'change-me', randomBytes(16).toString('base64')]) {
      expect(parsePiiKey(weak)).toBeNull();
    }
    expect(() => new PiiCipher('change-me')).toThrow(PiiKeyError);
  });

  it('gives a customer one opaque key per tenant, from the id or else the phone digits', () => {
    const c = new PiiCipher(key());
    const k = c.customerKey('acme', { id: 'u-77', phone: '13800138000' });
    expect(k).toMatch(/^ck_[A-Za-z0-9_-]{22}$/);
    expect(c.customerKey('acme', { id: 'u-77', phone: '' })).toBe(k);
    expect(c.customerKey('other', { id: 'u-77' })).not.toBe(k);
    expect(c.customerKey('acme', { phone: '138-0013-8000' })).toBe(
      c.customerKey('acme', { phone: '13800138000' }),
    );
    expect(c.customerKey('acme', { id: '', phone: '' })).toBe('');
    expect(new PiiCipher(key()).customerKey('acme', { id: 'u-77' })).not.toBe(k);
  });
});

describe('customer fields', () => {
  it('seals phone and id and opens them again, leaving everything else alone', () => {
    const c = new PiiCipher(key());
    const body = { callId: 'c-1', customer: { phone: '13800138000', id: 'u-77' }, segments: [] };
    const sealed = sealCustomer(c, body);
    expect(JSON.stringify(sealed)).not.toContain('13800138000');
    expect(JSON.stringify(sealed)).not.toContain('u-77');
    expect(sealed.callId).toBe('c-1');
    expect(sealCustomer(c, sealed)).toEqual(sealed);
    expect(openCustomer(c, sealed)).toEqual(body);
    expect(body.customer.phone).toBe('13800138000');
    expect(sealCustomer(c, { customer: { phone: '', id: '' } })).toEqual({
      customer: { phone: '', id: '' },
    });
  });

  it('is a TypeORM transformer over the configured key', () => {
    configurePii(key());
    const body = { customer: { phone: '13800138000', id: 'u-77' } };
    const stored = customerPiiTransformer.to(body) as typeof body;
    expect(stored.customer.phone.startsWith(CIPHERTEXT_PREFIX)).toBe(true);
    expect(customerPiiTransformer.from(stored)).toEqual(body);
    expect(customerPiiTransformer.to(null)).toBeNull();
  });

  it('has a transformer for a text column holding one number', () => {
    configurePii(key());
    const stored = piiTextTransformer.to('13800138000') as string;
    expect(stored.startsWith(CIPHERTEXT_PREFIX)).toBe(true);
    expect(piiTextTransformer.to(stored)).toBe(stored);
    expect(piiTextTransformer.from(stored)).toBe('13800138000');
    expect([null, ''].map((v) => piiTextTransformer.to(v))).toEqual([null, '']);
  });
});

describe('event customer', () => {
  it('carries no number in clear, an opaque key, and the numbers sealed', () => {
    const c = new PiiCipher(key());
    const ev = sealEventCustomer(c, 'acme', { phone: '13800138000', id: 'u-77' });
    expect(ev).toMatchObject({
      phone: '',
      id: '',
      customerKey: c.customerKey('acme', { id: 'u-77' }),
    });
    expect(JSON.stringify(ev)).not.toMatch(/13800138000|u-77/);
    expect(openEventCustomer(c, ev)).toEqual({ phone: '13800138000', id: 'u-77' });
    expect(openEventCustomer(c, { phone: '139', id: 'u-1', customerKey: '', sealed: '' })).toEqual({
      phone: '139',
      id: 'u-1',
    });
    expect(sealEventCustomer(c, 'acme', undefined)).toEqual({
      phone: '',
      id: '',
      customerKey: '',
      sealed: '',
    });
  });
});
