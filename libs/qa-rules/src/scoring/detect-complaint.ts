import type { ComplaintSignal, Evidence } from '../types';
import { evidence, hitsExcept, outermost, RuleContext } from '../rules/rule-context';

/** The customer says 投诉/举报/12315/曝光…, or the call's purpose is `complaint`. */
export function detectComplaint(ctx: RuleContext): ComplaintSignal {
  const found: Evidence[] = [];
  for (const seg of ctx.customerTurns) {
    for (const h of outermost(hitsExcept(ctx, seg, 'complaint', 'complaintExceptions'))) {
      found.push(evidence(ctx, seg, h));
    }
  }
  if (found.length > 0) return { detected: true, reason: 'keyword', evidence: found };
  if (ctx.call.purpose === 'complaint') return { detected: true, reason: 'purpose', evidence: [] };
  return { detected: false, evidence: [] };
}
