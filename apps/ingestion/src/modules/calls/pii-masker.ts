/**
 * Masks personal numbers in free text: mainland mobile numbers (138****8000), 18-digit ID-card
 * numbers (身份证号, 110101********123X) and bank-card numbers that pass the Luhn check
 * (************1234). Digits inside longer digit runs are left alone unless the run itself matches.
 */
const ID_CARD = /(?<!\d)(\d{6})(\d{8})(\d{3}[\dXx])(?![\dXx])/g;
const BANK_CARD = /(?<!\d)\d{16,19}(?!\d)/g;
const MOBILE = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function maskPii(text: string): string {
  return text
    .replace(BANK_CARD, (m) => (luhnValid(m) ? '*'.repeat(m.length - 4) + m.slice(-4) : m))
    .replace(ID_CARD, (_m, a: string, _b: string, c: string) => `${a}********${c}`)
    .replace(MOBILE, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}

/** A phone field: keep the first 3 and last 4 digits of anything long enough. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}
