import type { Disposition } from '../calls/calls.types';

export type { Disposition };

/** What PBX call records share once read: disposition, caller, who hung up. */

/** Asterisk's dispositions (ast_cdr_disp2str); UNKNOWN and anything else: not given. */
export const DISPOSITIONS: Record<string, Disposition> = {
  ANSWERED: 'answered',
  'NO ANSWER': 'no_answer',
  BUSY: 'busy',
  FAILED: 'failed',
  CONGESTION: 'congestion',
};

/** The name in a caller id: `"Zhang San" <13800138000>` → Zhang San; none when it is the number. */
export function callerName(clid: string): string | undefined {
  const lt = clid.lastIndexOf('<');
  const raw = (lt >= 0 ? clid.slice(0, lt) : clid)
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();
  const number = lt >= 0 ? clid.slice(lt + 1).replace(/>.*$/, '') : '';
  if (raw === '' || /^\+?[\d\s-]*$/.test(raw) || raw === number) return undefined;
  return raw.slice(0, 128);
}

/** The customer part of a call: the phone when it looks like one, and the caller name. */
export function customerOf(
  number: string,
  name?: string,
): { phone?: string; name?: string } | undefined {
  const phone = number.replace(/[^\d+]/g, '');
  const customer = {
    ...(phone.length >= 3 ? { phone } : {}),
    ...(name ? { name } : {}),
  };
  return Object.keys(customer).length > 0 ? customer : undefined;
}

/**
 * A tenant that knows who hung up (a hangup handler, or CEL HANGUP events joined to the CDR)
 * writes it into the userfield: `hangupBy=agent`, among other `key=value` pairs if need be.
 */
export function hangupByFromUserfield(
  userfield: string,
): 'customer' | 'agent' | 'system' | undefined {
  const m = /(?:^|[\s;,|&])hangup_?by[=:]\s*(customer|agent|system)\b/i.exec(userfield);
  return m ? (m[1].toLowerCase() as 'customer' | 'agent' | 'system') : undefined;
}

/** The fields every PBX record fills the same way; the team is the account code. */
export function callHead(h: {
  callId: string;
  tenantId: string;
  outbound: boolean;
  agent?: string;
  accountcode?: string;
  customer?: { phone?: string; name?: string };
}): Record<string, unknown> {
  return {
    callId: h.callId,
    tenantId: h.tenantId,
    direction: h.outbound ? 'outbound' : 'inbound',
    purpose: 'service',
    agentId: h.agent || 'unknown',
    teamId: h.accountcode || 'default',
    ...(h.customer ? { customer: h.customer } : {}),
  };
}
