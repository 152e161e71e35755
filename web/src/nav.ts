import type { MessageKey } from './i18n';

export interface NavLink {
  href: string;
  label: MessageKey;
}

const EVALUATIONS: NavLink = { href: '#/evaluations', label: 'evaluations' };
const USERS: NavLink = { href: '#/users', label: 'users' };
const COMPLAINTS: NavLink = { href: '#/complaints', label: 'complaints' };
const KPIS: NavLink = { href: '#/kpis', label: 'kpis' };

/** What each role works on; the first link is where they land after logging in. */
export function navFor(role: string): NavLink[] {
  switch (role) {
    case 'platform_admin':
      return [{ href: '#/tenants', label: 'tenants' }, USERS];
    case 'admin':
      return [EVALUATIONS, COMPLAINTS, KPIS, USERS];
    case 'agent':
      return [{ href: '#/evaluations', label: 'myEvaluations' }];
    default:
      return [EVALUATIONS, COMPLAINTS, KPIS];
  }
}

/** The label of a role in the current language. */
export const roleKey = (role: string): MessageKey =>
  role === 'agent' ? 'agentRole' : (role as MessageKey);
