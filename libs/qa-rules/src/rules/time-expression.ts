/**
 * Promised times as people say them, each part optional but one: a day (明天, 明儿, 下周一,
 * 下礼拜三, 11月20号, 月底, 周末, 听日, 国庆后), a daypart (上午, 下班, 午饭, 下昼), a clock time
 * (十点, 3点半, 17:30) or a span (24小时, 三到五个工作日, 两个钟头, 两个钟, 七个自然日), and a bound (前, 之前, 内, 以内, 后).
 * Traditional forms (兩小時內, 下週一, 三點前) are spelt out: the text is not folded here.
 * Bounded repeats and no nesting: linear in the text.
 */
const DIGITS = '(?:[0-9０-９]{1,6}|[零一二两兩三四五六七八九十百半]{1,6})';
// A range counts as one number: 三到五个工作日, 3-5个工作日, 九点到十二点 stays a clock time.
const NUM = `${DIGITS}(?:\\s{0,2}[到至~\\-－]\\s{0,2}${DIGITS})?`;
const WEEKDAY = '[一二三四五六日天1-7]';
const WEEK = '(?:周|週|星期|礼拜|禮拜)';
const DAY =
  `(?:今天|今日|今晚|今儿个?|今兒個?|明天|明日|明早|明晚|明儿个?|明兒個?|大后天|大後天|后天|後天|` +
  `当天|當天|次日|月底|月初|月中|年底|(?<![0-9零一二两三四五六七八九十几多])年前|周末|週末|下(?:一)?(?:个|個)工作日|` +
  // Cantonese days (听日 is tomorrow) and holidays (国庆后, 春节前).
  `听日|聽日|听朝|聽朝|(?<!以)后日|(?<!以)後日|(?:春节|春節|国庆|國慶|元旦|五一(?![0-9零一二三四五六七八九])|清明|端午|中秋)(?:节|節)?|` +
  `(?:本|这|這|下)?${WEEK}${WEEKDAY}|(?:本|这|這|下)(?:个|個)?${WEEK}|` +
  `(?:本|这|這|下)(?:个|個)?月(?:底|初|中|${DIGITS}[日号號])?|` +
  `${DIGITS}月${DIGITS}[日号號]|${DIGITS}[日号號])`;
const DAYPART =
  '(?:上午|下午|中午|晚上|早上|早晨|傍晚|凌晨|夜里|夜裡|下班|上班|(?:午|中|晚)饭|(?:午|中|晚)飯|' +
  '下昼|下晝|上昼|上晝|朝早)';
// 时 is a clock only when no 间/候/半会 follows: 第一时间 and 一时半会儿 name no time.
const CLOCK =
  `(?:${DIGITS}(?:点钟|點鐘|点|點|时(?![间候]|半会)|時(?![間候]|半會))(?:半|一刻|三刻|整|${DIGITS}分?)?|` +
  `[0-9０-９]{1,2}[:：][0-9０-９]{2})`;
// 两个钟 (Cantonese hours) only after 个, and not a 钟表.
const UNIT =
  '(?:小时|小時|钟头|鐘頭|分钟|分鐘|刻钟|刻鐘|(?<=[个個])(?:钟|鐘)(?!表)|工作日|自然日|天|周|週|星期|礼拜|禮拜|月)';
const SPAN = `${NUM}\\s{0,2}(?:个|個)?\\s{0,2}(?:半\\s{0,2})?${UNIT}`;
const BOUND = '(?:之前|以前|前|之内|以内|内|之內|以內|內|之后|以后|后|之後|以後|後)';

const TIME = new RegExp(
  `(?:${DAY}\\s{0,2}(?:${DAYPART})?\\s{0,2}(?:${CLOCK})?|${DAYPART}\\s{0,2}(?:${CLOCK})?|${CLOCK}|${SPAN})${BOUND}?`,
  'g',
);

/** A span with neither day nor bound after 过/这 (过两天, 这两天) is vague, not a time. */
const VAGUE = new RegExp(`^${SPAN}$`);
const VAGUE_BEFORE = /[过過这這那]/;

/** The first promised time in the text as [start, end), or null. */
export function findTimeExpression(text: string): [number, number] | null {
  TIME.lastIndex = 0;
  for (let m = TIME.exec(text); m; m = TIME.exec(text)) {
    if (m[0].length === 0) {
      TIME.lastIndex++;
      continue;
    }
    if (VAGUE_BEFORE.test(text[m.index - 1] ?? '') && VAGUE.test(m[0])) continue;
    // 七天无理由(退货) names a return policy, not a time.
    if (
      text.startsWith('无理由', m.index + m[0].length) ||
      text.startsWith('無理由', m.index + m[0].length)
    )
      continue;
    return [m.index, m.index + m[0].length];
  }
  return null;
}
