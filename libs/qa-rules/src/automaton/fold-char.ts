import { TRADITIONAL_PAIRS } from './traditional-chars';

const FOLD = new Uint16Array(65536);
for (let c = 0; c < 65536; c++) FOLD[c] = c;
// Full-width forms (ＡＰＰ, １２３１５ as typed by ASR or IME), then ASCII case.
for (let c = 0xff01; c <= 0xff5e; c++) FOLD[c] = c - 0xfee0;
for (let c = 0x41; c <= 0x5a; c++) FOLD[c] = c + 0x20;
for (let c = 0xff21; c <= 0xff3a; c++) FOLD[c] = c - 0xfee0 + 0x20;
for (let i = 0; i + 1 < TRADITIONAL_PAIRS.length; i += 2)
  FOLD[TRADITIONAL_PAIRS.charCodeAt(i)] = TRADITIONAL_PAIRS.charCodeAt(i + 1);

/**
 * Matching ignores ASCII case, full-width forms and traditional characters (謝謝 meets 谢谢): the
 * automaton gives a character and its folded form one class, so this costs nothing per character.
 */
export function foldChar(code: number): number {
  return FOLD[code & 0xffff];
}
