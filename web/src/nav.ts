import type { MessageKey } from './i18n';

export interface NavLink {
  href: string;
  label: MessageKey;
}

const EVALUATIONS: NavLink = { href: '#/evaluations', label: 'evaluations' };
const USERS: NavLink = { href: '#/users', label: 'users' };
const COMPLAINTS: NavLink = { href: '#/complaints', label: 'complaints' };
const KPIS: NavLink = { href: '#/kpis', label: 'kpis' };
const REVIEW_QUEUE: NavLink = { href: '#/review-queue', label: 'reviewQueue' };
const CALIBRATIONS: NavLink = { href: '#/calibrations', label: 'calibrations' };
const AGREEMENT: NavLink = { href: '#/agreement', label: 'agreement' };
const DISPUTES: NavLink = { href: '#/disputes', label: 'disputes' };
const COACHING: NavLink = { href: '#/coaching', label: 'coaching' };
const SCORECARDS: NavLink = { href: '#/scorecards', label: 'scorecards' };

/** Who may post calls (the gateway's route table): they get the calls upload page. */
export const UPLOADERS = ['admin', 'qa', 'lead'];

/** What each role works on; the first link is where they land after logging in. */
export function navFor(role: string): NavLink[] {
  switch (role) {
    case 'platform_admin':
      return [{ href: '#/tenants', label: 'tenants' }, USERS];
    case 'admin':
      return [EVALUATIONS, COMPLAINTS, KPIS, AGREEMENT, COACHING, SCORECARDS, USERS];
    case 'qa':
      return [EVALUATIONS, REVIEW_QUEUE, CALIBRATIONS, AGREEMENT, COMPLAINTS, KPIS];
    case 'lead':
      return [
        EVALUATIONS,
        REVIEW_QUEUE,
        DISPUTES,
        CALIBRATIONS,
        AGREEMENT,
        COMPLAINTS,
        KPIS,
        COACHING,
      ];
    case 'agent':
      return [
        { href: '#/evaluations', label: 'myEvaluations' },
        { href: '#/coaching', label: 'myCoaching' },
      ];
    default:
      return [EVALUATIONS, COMPLAINTS, KPIS, AGREEMENT];
  }
}

/** The label of a role in the current language. */
export const roleKey = (role: string): MessageKey =>
  role === 'agent' ? 'agentRole' : (role as MessageKey);
