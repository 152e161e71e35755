import type { ReactNode } from 'react';
import type { Session } from './api';
import { UPLOADERS } from './nav';
import { CoachingPage } from './pages/coaching/coaching-page';
import { PlansPage } from './pages/coaching/plans-page';
import { PromotionPage } from './pages/coaching/promotion-page';
import { PromotionRoundPage } from './pages/coaching/promotion-round-page';
import { TrainingCallsPage } from './pages/coaching/training-calls-page';
import { TrendPage } from './pages/coaching/trend-page';
import { ComplaintsBoardPage } from './pages/complaints/complaints-board-page';
import { TicketPage } from './pages/complaints/ticket-page';
import { CallsUploadPage } from './pages/calls-upload-page';
import { EvaluationPage } from './pages/evaluation-page';
import { EvaluationsPage } from './pages/evaluations-page';
import { KpiDashboardPage } from './pages/kpis/kpi-dashboard-page';
import { AgreementPage } from './pages/review/agreement-page';
import { CalibrationPage } from './pages/review/calibration-page';
import { CalibrationsPage } from './pages/review/calibrations-page';
import { DisputesPage } from './pages/review/disputes-page';
import { ReviewQueuePage } from './pages/review/review-queue-page';
import { ScorecardsPage } from './pages/scorecards-page';
import { TenantsPage } from './pages/tenants-page';
import { UsersPage } from './pages/users-page';

interface Route {
  /** Matched against the hash without its query; a group captures the id. */
  pattern: RegExp;
  /** The nav link that grants the page: a role without it is not allowed here. */
  section: string;
  /** Narrower than the section: only these roles (the rest of the section's users are refused). */
  roles?: readonly string[];
  render: (user: Session, id: string) => ReactNode;
}

/** Promotion rounds are run by leads and admins, as the API allows. */
const LEADS = ['admin', 'lead'];

// A detail page is keyed by its id, so opening another one starts it afresh (no stale "not found").
const ROUTES: Route[] = [
  {
    pattern: /^#\/evaluations$/,
    section: '#/evaluations',
    render: (u) => <EvaluationsPage user={u} />,
  },
  {
    pattern: /^#\/calls\/upload$/,
    section: '#/evaluations',
    roles: UPLOADERS,
    render: () => <CallsUploadPage />,
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
  { pattern: /^#\/scorecards$/, section: '#/scorecards', render: () => <ScorecardsPage /> },
  { pattern: /^#\/coaching$/, section: '#/coaching', render: (u) => <CoachingPage user={u} /> },
  {
    pattern: /^#\/coaching\/trend$/,
    section: '#/coaching',
    render: (u) => <TrendPage user={u} />,
  },
  {
    pattern: /^#\/coaching\/plans$/,
    section: '#/coaching',
    render: (u) => <PlansPage user={u} />,
  },
  {
    pattern: /^#\/coaching\/training-calls$/,
    section: '#/coaching',
    render: (u) => <TrainingCallsPage user={u} />,
  },
  {
    pattern: /^#\/coaching\/promotion$/,
    section: '#/coaching',
    roles: LEADS,
    render: (u) => <PromotionPage user={u} />,
  },
  {
    pattern: /^#\/coaching\/promotion\/([\w-]+)$/,
    section: '#/coaching',
    roles: LEADS,
    render: (u, id) => <PromotionRoundPage key={id} id={id} user={u} />,
  },
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
    return allowed(r.section) && (!r.roles || r.roles.includes(user.role))
      ? { kind: 'page', node: r.render(user, m[1] ?? '') }
      : { kind: 'not-allowed' };
  }
  return { kind: 'not-found' };
}
