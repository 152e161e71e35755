/**
 * Masks personal numbers in free text, as ASR and agents write them: mainland mobile numbers
 * (138****8000, also +86/0086 and 138-0013-8000), landlines with an area code (010-****5678),
 * 18-digit ID-card numbers (身份证号, 110101********123X) and bank-card numbers of 16–19 digits
 * that pass the Luhn check (************1234). Digits may be Arabic, full-width or read out in
 * Chinese (幺三八零零幺三八零零零); groups may be split by spaces or dashes. Pure and allocation-light:
 * it runs on every transcript line an unprivileged reader gets.
 */

const CHINESE_DIGITS: Record<string, string> = {
  零: '0',
  〇: '0',
  幺: '1',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};
const SEPARATORS = new Set([' ', '-', '\u00a0', '\u3000', '－']);
/** A phone or card number is at most five groups ("6222 0212 3456 7890 123"). */
const MAX_GROUPS = 6;

function digitOf(ch: string): string | undefined {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return ch;
  if (c >= 0xff10 && c <= 0xff19) return String.fromCharCode(c - 0xff10 + 48);
  return CHINESE_DIGITS[ch];
}

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

const MOBILE = /^(?:0086|86)?1[3-9]\d{9}$/;
const ID_CARD = /^\d{17}[\dX]$/;
const LANDLINE = /^0[1-9]\d{8,10}$/;

/** Which digit positions to hide, as [from, to) over the normalised digits; null = not PII. */
export function maskRange(digits: string): [number, number] | null {
  const n = digits.length;
  if (MOBILE.test(digits)) return [n - 8, n - 4];
  if (n === 18 && ID_CARD.test(digits)) return [6, 14];
  if (n >= 16 && n <= 19 && !digits.includes('X') && luhnValid(digits)) return [0, n - 4];
  if (LANDLINE.test(digits)) return [3, n - 4];
  return null;
}

interface Group {
  /** Indexes into the text of each digit character in this group. */
  at: number[];
  digits: string;
}

export function maskPii(text: string): string {
  let out: string[] | null = null;
  let i = 0;
  while (i < text.length) {
    if (digitOf(text[i]) === undefined) {
      i++;
      continue;
    }
    // A run: digit groups joined by single separators.
    const groups: Group[] = [];
    let current: Group = { at: [], digits: '' };
    let j = i;
    for (; j < text.length; j++) {
      const d = digitOf(text[j]);
      if (d !== undefined) {
        current.at.push(j);
        current.digits += d;
      } else if (
        (text[j] === 'X' || text[j] === 'x') &&
        current.digits.length > 0 &&
        (j + 1 >= text.length || !/[0-9A-Za-z]/.test(text[j + 1]))
      ) {
        current.at.push(j);
        current.digits += 'X';
        j++;
        break;
      } else if (
        SEPARATORS.has(text[j]) &&
        j + 1 < text.length &&
        digitOf(text[j + 1]) !== undefined
      ) {
        groups.push(current);
        current = { at: [], digits: '' };
      } else break;
    }
    groups.push(current);
    out = maskGroups(text, groups, out);
    i = j;
  }
  return out ? out.join('') : text;
}

/** Greedy from the left: the longest span of consecutive groups that is a personal number. */
function maskGroups(text: string, groups: Group[], out: string[] | null): string[] | null {
  let g = 0;
  while (g < groups.length) {
    let matched = false;
    for (let end = Math.min(groups.length, g + MAX_GROUPS); end > g; end--) {
      let digits = '';
      const at: number[] = [];
      for (let k = g; k < end; k++) {
        digits += groups[k].digits;
        at.push(...groups[k].at);
      }
      if (digits.length > 21) continue;
      const range = maskRange(digits);
      if (!range) continue;
      out ??= text.split('');
      for (let p = range[0]; p < range[1]; p++) out[at[p]] = '*';
      g = end;
      matched = true;
      break;
    }
    if (!matched) g++;
  }
  return out;
}

/** A phone field: masked like a number in text, or else all but the last four digits. */
export function maskPhone(phone: string): string {
  const masked = maskPii(phone);
  if (masked !== phone) return masked;
  const chars = phone.split('');
  const digits = chars.filter((c) => digitOf(c) !== undefined).length;
  if (digits < 8) return '****';
  let seen = 0;
  return chars.map((c) => (digitOf(c) !== undefined && ++seen <= digits - 4 ? '*' : c)).join('');
}

/** A person's name: the first character stays (张**, J***), so a reader can tell calls apart. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  return chars.length === 0 ? '' : chars[0] + '*'.repeat(Math.max(2, chars.length - 1));
}
