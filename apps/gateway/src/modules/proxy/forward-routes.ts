import type { Role } from '@qa/platform';

export type Downstream = 'ingestion' | 'scoring' | 'complaints' | 'kpi';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ForwardRoute {
  prefix: string;
  service: Downstream;
  /** Who may call each method; a method not listed is refused for everyone. */
  roles: Partial<Record<Method, readonly Role[]>>;
}

const ALL_TENANT_ROLES: readonly Role[] = ['admin', 'qa', 'lead', 'ops', 'agent'];

/**
 * The one table of forwarded routes and who may use them. Services re-check finer rules
 * (agents see only their own calls); the authorisation matrix test is generated from this.
 */
export const FORWARD_ROUTES: readonly ForwardRoute[] = [
  {
    prefix: '/api/v1/calls',
    service: 'ingestion',
    roles: { GET: ALL_TENANT_ROLES, POST: ['platform_admin', 'admin', 'qa', 'lead'] },
  },
  {
    prefix: '/api/v1/evaluations',
    service: 'scoring',
    roles: { GET: ALL_TENANT_ROLES, POST: ['admin', 'qa', 'lead', 'agent'] },
  },
  {
    prefix: '/api/v1/scorecards',
    service: 'scoring',
    roles: { GET: ['admin', 'qa', 'lead', 'ops'], POST: ['admin'] },
  },
  {
    prefix: '/api/v1/complaints',
    service: 'complaints',
    roles: { GET: ['admin', 'qa', 'lead', 'ops'], POST: ['admin', 'qa', 'lead'] },
  },
  {
    prefix: '/api/v1/kpis',
    service: 'kpi',
    roles: { GET: ['admin', 'qa', 'lead', 'ops'] },
  },
];

export function matchRoute(path: string): ForwardRoute | undefined {
  return FORWARD_ROUTES.find(
    (r) => path === r.prefix || path.startsWith(`${r.prefix}/`) || path.startsWith(`${r.prefix}?`),
  );
}
