import { CUSTOMER } from '../input/call-view';
import type { RuleContext } from '../engine/rule-context';
import type { ComplaintSignal, Evidence } from '../types/evaluation.types';

const isDigit = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);

/** 315 inside an order number is not the 3·15 consumer-rights day: digits must stand alone. */
function insideNumber(text: string, start: number, end: number): boolean {
  return (
    (isDigit(text.charCodeAt(start)) && start > 0 && isDigit(text.charCodeAt(start - 1))) ||
    (isDigit(text.charCodeAt(end - 1)) && end < text.length && isDigit(text.charCodeAt(end)))
  );
}

/** The customer says 投诉/举报/12315/曝光…, or the call's purpose is `complaint`. */
export function detectComplaint(
  ctx: RuleContext,
  list: number,
  exceptions: number,
): ComplaintSignal {
  const evidence: Evidence[] = [];
  const hits = ctx.hits;
  if (list >= 0) {
    for (let h = 0; h < hits.count; h++) {
      if (hits.list[h] !== list) continue;
      const seg = hits.segment[h];
      if (ctx.view.speaker[seg] !== CUSTOMER) continue;
      if (hits.coveredBy(h, exceptions) || hits.nested(h)) continue;
      if (insideNumber(ctx.view.texts[seg], hits.start[h], hits.end[h])) continue;
      evidence.push(ctx.evidence(h, 'trigger'));
    }
  }
  if (evidence.length > 0) return { detected: true, reason: 'keyword', evidence };
  if (ctx.view.purpose === 'complaint') return { detected: true, reason: 'purpose', evidence };
  return { detected: false, evidence };
}
