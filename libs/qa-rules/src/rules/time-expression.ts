/**
 * Promised times as people say them, each part optional but one: a day (明天, 下周一, 下礼拜三,
 * 11月20号, 月底), a daypart (上午, 下班), a clock time (十点, 3点半) or a span (24小时, 三个工作日,
 * 两个钟头), and a bound (前, 之前, 内, 以内, 后). Bounded repeats and no nesting: linear in the text.
 */
const NUM = '(?:[0-9０-９]{1,6}|[零一二两三四五六七八九十百半]{1,6})';
const WEEKDAY = '[一二三四五六日天1-7]';
const DAY =
  `(?:今天|今日|今晚|明天|明日|明早|明晚|后天|月底|月初|年底|` +
  `(?:本|这|下)?(?:周|星期|礼拜)${WEEKDAY}|(?:本|这|下)(?:周|星期|礼拜)|` +
  `${NUM}月${NUM}[日号]|${NUM}[日号])`;
const DAYPART = '(?:上午|下午|中午|晚上|早上|傍晚|凌晨|下班|上班)';
const CLOCK = `${NUM}(?:点钟|点|时)(?:半|${NUM}分?)?`;
const SPAN = `${NUM}\\s{0,2}个?\\s{0,2}(?:小时|钟头|分钟|工作日|天|周|星期|礼拜|月)`;
const BOUND = '(?:之前|以前|前|之内|以内|内|之后|以后|后)';

const TIME = new RegExp(
  `(?:${DAY}\\s{0,2}(?:${DAYPART})?\\s{0,2}(?:${CLOCK})?|${DAYPART}\\s{0,2}(?:${CLOCK})?|${CLOCK}|${SPAN})${BOUND}?`,
  'g',
);

/** A span with neither day nor bound after 过 (过两天, 过一周) is vague, not a time. */
const VAGUE = new RegExp(`^${SPAN}$`);

/** The first promised time in the text as [start, end), or null. */
export function findTimeExpression(text: string): [number, number] | null {
  TIME.lastIndex = 0;
  for (let m = TIME.exec(text); m; m = TIME.exec(text)) {
    if (m[0].length === 0) {
      TIME.lastIndex++;
      continue;
    }
    if (text[m.index - 1] === '过' && VAGUE.test(m[0])) continue;
    return [m.index, m.index + m[0].length];
  }
  return null;
}
