import { Identity } from '@qa/platform';

/**
 * Who sees what: an agent their own, a lead with a team that team's, everyone else in the
 * tenant all of it.
 */
export function scopeOf(identity: Identity): { agentId?: string; teamId?: string } {
  if (identity.role === 'agent') return { agentId: identity.agentId ?? '\u0000none' };
  if (identity.role === 'lead' && identity.teamId) return { teamId: identity.teamId };
  return {};
}
