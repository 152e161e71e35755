import type { ReactNode } from 'react';
import type { Session } from './api';
import { CoachingPage } from './pages/coaching/coaching-page';
import { ComplaintsBoardPage } from './pages/complaints/complaints-board-page';
import { TicketPage } from './pages/complaints/ticket-page';
import { EvaluationPage } from './pages/evaluation-page';
import { EvaluationsPage } from './pages/evaluations-page';
import { KpiDashboardPage } from './pages/kpis/kpi-dashboard-page';
import { AgreementPage } from './pages/review/agreement-page';
import { CalibrationPage } from './pages/review/calibration-page';
import { CalibrationsPage } from './pages/review/calibrations-page';
import { DisputesPage } from './pages/review/disputes-page';
import { ReviewQueuePage } from './pages/review/review-queue-page';
import { TenantsPage } from './pages/tenants-page';
import { UsersPage } from './pages/users-page';

interface Route {
  /** Matched against the hash without its query; a group captures the id. */
  pattern: RegExp;
  /** The nav link that grants the page: a role without it is not allowed here. */
  section: string;
  render: (user: Session, id: string) => ReactNode;
}

// A detail page is keyed by its id, so opening another one starts it afresh (no stale "not found").
const ROUTES: Route[] = [
  {
    pattern: /^#\/evaluations$/,
    section: '#/evaluations',
    render: (u) => <EvaluationsPage user={u} />,
  },
  {
    pattern: /^#\/evaluations\/([\w-]+)$/,
    section: '#/evaluations',
    render: (_, id) => <EvaluationPage key={id} id={id} />,
  },
  { pattern: /^#\/complaints$/, section: '#/complaints', render: () => <ComplaintsBoardPage /> },
  {
    pattern: /^#\/complaints\/([\w-]+)$/,
    section: '#/complaints',
    render: (_, id) => <TicketPage key={id} id={id} />,
  },
  { pattern: /^#\/kpis$/, section: '#/kpis', render: () => <KpiDashboardPage /> },
  { pattern: /^#\/coaching$/, section: '#/coaching', render: (u) => <CoachingPage user={u} /> },
  {
    pattern: /^#\/review-queue$/,
    section: '#/review-queue',
    render: (u) => <ReviewQueuePage user={u} />,
  },
  {
    pattern: /^#\/calibrations$/,
    section: '#/calibrations',
    render: (u) => <CalibrationsPage user={u} />,
  },
  {
    pattern: /^#\/calibrations\/([\w-]+)$/,
    section: '#/calibrations',
    render: (u, id) => <CalibrationPage key={id} id={id} user={u} />,
  },
  { pattern: /^#\/agreement$/, section: '#/agreement', render: () => <AgreementPage /> },
  { pattern: /^#\/disputes$/, section: '#/disputes', render: () => <DisputesPage /> },
  { pattern: /^#\/tenants$/, section: '#/tenants', render: () => <TenantsPage /> },
  { pattern: /^#\/users$/, section: '#/users', render: (u) => <UsersPage user={u} /> },
];

export type Resolved =
  { kind: 'page'; node: ReactNode } | { kind: 'not-allowed' } | { kind: 'not-found' };

/** The page a hash names, if this user may see it. */
export function resolve(
  hash: string,
  user: Session,
  allowed: (section: string) => boolean,
): Resolved {
  const path = hash.split('?')[0];
  for (const r of ROUTES) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    return allowed(r.section)
      ? { kind: 'page', node: r.render(user, m[1] ?? '') }
      : { kind: 'not-allowed' };
  }
  return { kind: 'not-found' };
}
