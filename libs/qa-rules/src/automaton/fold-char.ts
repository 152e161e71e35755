/** Matching ignores ASCII case and full-width forms (ＡＰＰ, １２３１５ as typed by ASR or IME). */
export function foldChar(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
  if (code >= 0x41 && code <= 0x5a) code += 0x20;
  return code;
}
