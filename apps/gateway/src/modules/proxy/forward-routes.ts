import type { Role } from '@qa/platform';

export type Downstream = 'ingestion' | 'scoring' | 'complaints' | 'kpi' | 'coaching';
export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];

export interface ForwardRoute {
  /** A path prefix; `:name` segments match any one segment. */
  prefix: string;
  service: Downstream;
  /** Who may call each method; a method not listed is refused for everyone. */
  roles: Partial<Record<Method, readonly Role[]>>;
}

const ALL_TENANT_ROLES: readonly Role[] = ['admin', 'qa', 'lead', 'ops', 'agent'];

/**
 * The one table of forwarded routes and who may use them. The most specific matching prefix
 * wins. Services re-check finer rules (agents see only their own calls); the authorisation
 * matrix tests are generated from this table.
 */
export const FORWARD_ROUTES: readonly ForwardRoute[] = [
  {
    prefix: '/api/v1/calls',
    service: 'ingestion',
    roles: { GET: ALL_TENANT_ROLES, POST: ['platform_admin', 'admin', 'qa', 'lead'] },
  },
  // PBX record imports (asterisk, freeswitch): whoever may post calls. GET stays as for calls:
  // "import" is also a possible call id.
  {
    prefix: '/api/v1/calls/import',
    service: 'ingestion',
    roles: { GET: ALL_TENANT_ROLES, POST: ['platform_admin', 'admin', 'qa', 'lead'] },
  },
  {
    prefix: '/api/v1/evaluations',
    service: 'scoring',
    roles: { GET: ALL_TENANT_ROLES },
  },
  // Human review: QA staff review, leads decide disputes, agents acknowledge or dispute their own
  // released evaluations (the scoring service narrows to "own" and "released").
  {
    prefix: '/api/v1/evaluations/:id/review',
    service: 'scoring',
    roles: { POST: ['admin', 'qa'] },
  },
  {
    prefix: '/api/v1/evaluations/:id/history',
    service: 'scoring',
    roles: { GET: ALL_TENANT_ROLES },
  },
  {
    prefix: '/api/v1/evaluations/:id/release',
    service: 'scoring',
    roles: { POST: ['admin', 'qa', 'lead'] },
  },
  {
    prefix: '/api/v1/evaluations/:id/acknowledge',
    service: 'scoring',
    roles: { POST: ['agent'] },
  },
  {
    prefix: '/api/v1/evaluations/:id/disputes',
    service: 'scoring',
    roles: { POST: ['agent'] },
  },
  {
    prefix: '/api/v1/disputes',
    service: 'scoring',
    roles: { GET: ALL_TENANT_ROLES },
  },
  {
    prefix: '/api/v1/disputes/:id/decision',
    service: 'scoring',
    roles: { POST: ['admin', 'lead'] },
  },
  {
    prefix: '/api/v1/review-settings',
    service: 'scoring',
    roles: { GET: ALL_TENANT_ROLES, PUT: ['admin'] },
  },
  {
    prefix: '/api/v1/scorecards',
    service: 'scoring',
    roles: { GET: ['admin', 'qa', 'lead', 'ops'], POST: ['admin'] },
  },
  // QA staff calibrate: they may re-score (dry run or real) without editing scorecards.
  {
    prefix: '/api/v1/scorecards/:key/versions/:version/rescore',
    service: 'scoring',
    roles: { POST: ['admin', 'qa'] },
  },
  {
    prefix: '/api/v1/scorecards/rescore-jobs',
    service: 'scoring',
    roles: { GET: ['admin', 'qa'] },
  },
  // Human review (assignments): leads and admins set sampling policies and move work; QA staff
  // read their own queue.
  {
    prefix: '/api/v1/sampling-policies',
    service: 'scoring',
    roles: { GET: ['admin', 'lead'], POST: ['admin', 'lead'] },
  },
  {
    prefix: '/api/v1/review-queue',
    service: 'scoring',
    roles: { GET: ['admin', 'qa', 'lead'], POST: ['admin', 'lead'] },
  },
  // Leads and admins open calibration sessions; QA staff and leads score in them (the scoring
  // service lets only the session's evaluators and expert in).
  {
    prefix: '/api/v1/calibrations',
    service: 'scoring',
    roles: { GET: ['admin', 'qa', 'lead'], POST: ['admin', 'lead'] },
  },
  {
    prefix: '/api/v1/calibrations/:id/scores',
    service: 'scoring',
    roles: { POST: ['admin', 'qa', 'lead'] },
  },
  {
    prefix: '/api/v1/reports/agreement',
    service: 'scoring',
    roles: { GET: ['admin', 'qa', 'lead', 'ops'] },
  },
  // Agents may log a complaint by hand; leads work tickets; QA staff also record callbacks (回访).
  {
    prefix: '/api/v1/complaints',
    service: 'complaints',
    roles: {
      GET: ['admin', 'qa', 'lead', 'ops'],
      POST: ['admin', 'qa', 'lead', 'agent'],
      PATCH: ['admin', 'lead'],
    },
  },
  {
    prefix: '/api/v1/complaints/:id/transitions',
    service: 'complaints',
    roles: { POST: ['admin', 'lead'] },
  },
  {
    prefix: '/api/v1/complaints/:id/callbacks',
    service: 'complaints',
    roles: { POST: ['admin', 'qa', 'lead'] },
  },
  {
    prefix: '/api/v1/complaints/settings',
    service: 'complaints',
    roles: { GET: ['admin', 'qa', 'lead', 'ops'], PUT: ['admin', 'lead'] },
  },
  // The kpi service narrows further: agents see their own figures, leads their team's.
  {
    prefix: '/api/v1/kpis',
    service: 'kpi',
    roles: { GET: ALL_TENANT_ROLES },
  },
  {
    prefix: '/api/v1/kpis/targets',
    service: 'kpi',
    roles: { GET: ALL_TENANT_ROLES, PUT: ['admin'] },
  },
  // Coaching: leads open assignments and record sessions; the coaching service narrows reads
  // (agents their own, leads their team's).
  {
    prefix: '/api/v1/coaching/assignments',
    service: 'coaching',
    roles: { GET: ALL_TENANT_ROLES, POST: ['admin', 'lead'] },
  },
  // An agent's pass rate per rule over time: agents their own, leads their team's calls.
  {
    prefix: '/api/v1/coaching/agents',
    service: 'coaching',
    roles: { GET: ALL_TENANT_ROLES },
  },
  {
    prefix: '/api/v1/coaching/settings',
    service: 'coaching',
    roles: { GET: ['admin', 'qa', 'lead', 'ops'], PUT: ['admin'] },
  },
  // Monthly appraisal (seed 002): agents and leads enter daily plans (agents their own); agents
  // see their own results (the coaching service narrows).
  {
    prefix: '/api/v1/appraisal/plans',
    service: 'coaching',
    roles: { GET: ALL_TENANT_ROLES, PUT: ['admin', 'lead', 'agent'] },
  },
  {
    prefix: '/api/v1/appraisal/months',
    service: 'coaching',
    roles: { GET: ALL_TENANT_ROLES },
  },
  // Training programmes and their effect: leads and admins run them; QA and ops read the effect.
  {
    prefix: '/api/v1/training/programmes',
    service: 'coaching',
    roles: { GET: ['admin', 'qa', 'lead', 'ops'], POST: ['admin', 'lead'], PUT: ['admin', 'lead'] },
  },
  // Role plays (purpose training) and their scores: trainers list them, agents see their own.
  {
    prefix: '/api/v1/training/calls',
    service: 'coaching',
    roles: { GET: ALL_TENANT_ROLES },
  },
  // Internal promotion rounds (竞聘): leads and admins run them.
  {
    prefix: '/api/v1/promotion/rounds',
    service: 'coaching',
    roles: { GET: ['admin', 'lead'], POST: ['admin', 'lead'], PUT: ['admin', 'lead'] },
  },
];

const segments = (path: string) => path.split('/').filter(Boolean);
const COMPILED = FORWARD_ROUTES.map((route) => ({ route, parts: segments(route.prefix) })).sort(
  (a, b) => b.parts.length - a.parts.length,
);

/** The route a request path (query string allowed) belongs to, or undefined if not forwarded. */
export function matchRoute(url: string): ForwardRoute | undefined {
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (!path.startsWith('/')) return undefined;
  const parts = segments(path);
  return COMPILED.find(
    (c) =>
      c.parts.length <= parts.length &&
      c.parts.every((p, i) => (p.startsWith(':') ? parts[i].length > 0 : p === parts[i])),
  )?.route;
}

/** The gateway's decision for a role calling a method on a route; HEAD is a GET without the body. */
export function allows(route: ForwardRoute, method: string, role: Role): boolean {
  const m = method === 'HEAD' ? 'GET' : method;
  return route.roles[m as Method]?.includes(role) ?? false;
}
