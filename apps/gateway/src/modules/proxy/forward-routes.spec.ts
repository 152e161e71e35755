import { ROLES, Role } from '@qa/platform';
import { allows, FORWARD_ROUTES, matchRoute, METHODS, Method } from './forward-routes';

/**
 * Who may do what, written out as the product decided it (DESIGN.md "Who uses it"). The table in
 * forward-routes.ts must say exactly this: a new route, or a changed rule, fails here until the
 * grid below is updated on purpose.
 */
const GRID: Record<string, Partial<Record<Method, string>>> = {
  //                                                   platform_admin admin qa lead ops agent
  '/api/v1/calls': { GET: '-xxxxx', POST: 'xxxx--' },
  '/api/v1/calls/import': { GET: '-xxxxx', POST: 'xxxx--' },
  '/api/v1/evaluations': { GET: '-xxxxx' },
  '/api/v1/evaluations/:id/review': { POST: '-xx---' },
  '/api/v1/evaluations/:id/history': { GET: '-xxxxx' },
  '/api/v1/evaluations/:id/release': { POST: '-xxx--' },
  '/api/v1/evaluations/:id/acknowledge': { POST: '-----x' },
  '/api/v1/evaluations/:id/disputes': { POST: '-----x' },
  '/api/v1/disputes': { GET: '-xxxxx' },
  '/api/v1/disputes/:id/decision': { POST: '-x-x--' },
  '/api/v1/review-settings': { GET: '-xxxxx', PUT: '-x----' },
  '/api/v1/scorecards': { GET: '-xxxx-', POST: '-x----' },
  '/api/v1/scorecards/:key/versions/:version/rescore': { POST: '-xx---' },
  '/api/v1/scorecards/rescore-jobs': { GET: '-xx---' },
  '/api/v1/sampling-policies': { GET: '-x-x--', POST: '-x-x--' },
  '/api/v1/review-queue': { GET: '-xxx--', POST: '-x-x--' },
  '/api/v1/calibrations': { GET: '-xxx--', POST: '-x-x--' },
  '/api/v1/calibrations/:id/scores': { POST: '-xxx--' },
  '/api/v1/reports/agreement': { GET: '-xxxx-' },
  '/api/v1/complaints': { GET: '-xxxx-', POST: '-xxx-x', PATCH: '-x-x--' },
  '/api/v1/complaints/:id/transitions': { POST: '-x-x--' },
  '/api/v1/complaints/:id/callbacks': { POST: '-xxx--' },
  '/api/v1/complaints/settings': { GET: '-xxxx-', PUT: '-x-x--' },
  '/api/v1/kpis': { GET: '-xxxxx' },
  '/api/v1/kpis/targets': { GET: '-xxxxx', PUT: '-x----' },
  '/api/v1/coaching/agents': { GET: '-xxxxx' },
  '/api/v1/coaching/assignments': { GET: '-xxxxx', POST: '-x-x--' },
  '/api/v1/coaching/settings': { GET: '-xxxx-', PUT: '-x----' },
  '/api/v1/appraisal/plans': { GET: '-xxxxx', PUT: '-x-x-x' },
  '/api/v1/appraisal/months': { GET: '-xxxxx' },
  '/api/v1/promotion/rounds': { GET: '-x-x--', POST: '-x-x--', PUT: '-x-x--' },
  '/api/v1/training/calls': { GET: '-xxxxx' },
  '/api/v1/training/programmes': { GET: '-xxxx-', POST: '-x-x--', PUT: '-x-x--' },
};

/** The public API of DESIGN.md (and the services' additions): each must reach a rule. */
const PUBLIC_API: [Method, string][] = [
  ['POST', '/api/v1/calls'],
  ['POST', '/api/v1/calls/batch'],
  ['GET', '/api/v1/calls'],
  ['GET', '/api/v1/calls/c-1'],
  ['GET', '/api/v1/calls/c-1/recording'],
  ['POST', '/api/v1/calls/c-1/recording'],
  ['POST', '/api/v1/calls/import/asterisk'],
  ['POST', '/api/v1/calls/import/freeswitch'],
  ['GET', '/api/v1/evaluations?callId=c-1&agentId=a-1&from=x&to=y&cursor=z'],
  ['GET', '/api/v1/evaluations/e-1'],
  ['POST', '/api/v1/evaluations/e-1/review'],
  ['GET', '/api/v1/evaluations/e-1/history'],
  ['POST', '/api/v1/evaluations/e-1/release'],
  ['POST', '/api/v1/evaluations/e-1/acknowledge'],
  ['POST', '/api/v1/evaluations/e-1/disputes'],
  ['GET', '/api/v1/disputes?status=open'],
  ['POST', '/api/v1/disputes/d-1/decision'],
  ['GET', '/api/v1/review-settings'],
  ['PUT', '/api/v1/review-settings'],
  ['GET', '/api/v1/scorecards'],
  ['POST', '/api/v1/scorecards'],
  ['GET', '/api/v1/scorecards/default/versions'],
  ['POST', '/api/v1/scorecards/default/versions'],
  ['POST', '/api/v1/scorecards/default/versions/2/activate'],
  ['POST', '/api/v1/scorecards/default/versions/2/rescore'],
  ['GET', '/api/v1/scorecards/rescore-jobs/j-1'],
  ['GET', '/api/v1/sampling-policies'],
  ['POST', '/api/v1/sampling-policies'],
  ['GET', '/api/v1/review-queue?cursor=z'],
  ['POST', '/api/v1/review-queue/r-1/reassign'],
  ['POST', '/api/v1/calibrations'],
  ['POST', '/api/v1/calibrations/s-1/scores'],
  ['GET', '/api/v1/calibrations/s-1/report'],
  ['GET', '/api/v1/reports/agreement?from=x&to=y'],
  ['GET', '/api/v1/complaints?status=open&overdue=true'],
  ['POST', '/api/v1/complaints'],
  ['GET', '/api/v1/complaints/t-1'],
  ['PATCH', '/api/v1/complaints/t-1'],
  ['GET', '/api/v1/complaints/stats?from=x&to=y&by=category'],
  ['GET', '/api/v1/complaints/settings'],
  ['PUT', '/api/v1/complaints/settings'],
  ['POST', '/api/v1/complaints/t-1/transitions'],
  ['POST', '/api/v1/complaints/t-1/callbacks'],
  ['GET', '/api/v1/kpis?scope=tenant&window=day'],
  ['GET', '/api/v1/kpis/stream'],
  ['GET', '/api/v1/kpis/definitions'],
  ['GET', '/api/v1/kpis/agents?teamId=t-1&month=2026-11'],
  ['GET', '/api/v1/kpis/targets'],
  ['PUT', '/api/v1/kpis/targets'],
  ['GET', '/api/v1/coaching/assignments?status=open'],
  ['POST', '/api/v1/coaching/assignments'],
  ['GET', '/api/v1/coaching/assignments/x'],
  ['POST', '/api/v1/coaching/assignments/x/session'],
  ['POST', '/api/v1/coaching/assignments/x/close'],
  ['GET', '/api/v1/coaching/settings'],
  ['GET', '/api/v1/coaching/agents/a-1/trend?bucket=week'],
  ['PUT', '/api/v1/coaching/settings'],
  ['PUT', '/api/v1/appraisal/plans/a-1/2026-11-04'],
  ['GET', '/api/v1/appraisal/plans?month=2026-11'],
  ['GET', '/api/v1/appraisal/months/2026-11'],
  ['POST', '/api/v1/promotion/rounds'],
  ['POST', '/api/v1/training/programmes'],
  ['GET', '/api/v1/training/programmes/x/effect'],
  ['GET', '/api/v1/training/calls?agentId=a-1'],
  ['PUT', '/api/v1/promotion/rounds/x/candidates/a-1'],
  ['GET', '/api/v1/promotion/rounds/x/ranking?format=csv'],
];

const expected = (prefix: string, method: Method, role: Role): boolean =>
  GRID[prefix]?.[method]?.[ROLES.indexOf(role)] === 'x';

describe('forward route table', () => {
  it('has a grid row for every route and a route for every grid row', () => {
    expect(FORWARD_ROUTES.map((r) => r.prefix).sort()).toEqual(Object.keys(GRID).sort());
  });

  describe.each(FORWARD_ROUTES.map((r) => [r.prefix, r] as const))('%s', (_prefix, route) => {
    it.each(METHODS.flatMap((m) => ROLES.map((role) => [m, role] as const)))(
      '%s by %s',
      (method, role) => {
        expect(allows(route, method, role)).toBe(expected(route.prefix, method, role));
      },
    );
  });

  it.each(PUBLIC_API)('%s %s reaches a rule that lets someone in', (method, path) => {
    const route = matchRoute(path);
    expect(route).toBeDefined();
    expect(ROLES.some((role) => allows(route!, method, role))).toBe(true);
  });

  it('never lets the platform admin read tenant data, nor ops change anything, nor agents beyond disputes, complaints and their plans', () => {
    for (const route of FORWARD_ROUTES) {
      expect(allows(route, 'GET', 'platform_admin')).toBe(false);
      for (const m of METHODS.filter((x) => x !== 'GET'))
        expect(allows(route, m, 'ops')).toBe(false);
    }
    const agentWrites = FORWARD_ROUTES.filter((r) =>
      METHODS.some((m) => m !== 'GET' && allows(r, m, 'agent')),
    );
    // Agents acknowledge and dispute their evaluations, may log a complaint by hand (issue 13)
    // and enter their own daily plans (issue 19, seed 002).
    expect(agentWrites.map((r) => r.prefix)).toEqual([
      '/api/v1/evaluations/:id/acknowledge',
      '/api/v1/evaluations/:id/disputes',
      '/api/v1/complaints',
      '/api/v1/appraisal/plans',
    ]);
  });

  it('refuses methods and roles it does not know', () => {
    const calls = matchRoute('/api/v1/calls')!;
    for (const m of ['OPTIONS', 'TRACE', 'get', 'head', 'CONNECT'])
      expect(allows(calls, m, 'admin')).toBe(false);
    expect(allows(calls, 'GET', 'root' as Role)).toBe(false);
  });

  it('lets HEAD through for exactly the roles that may GET', () => {
    for (const route of FORWARD_ROUTES)
      for (const role of ROLES)
        expect(allows(route, 'HEAD', role)).toBe(allows(route, 'GET', role));
    const recording = matchRoute('/api/v1/calls/c-1/recording')!;
    expect(ROLES.filter((r) => allows(recording, 'HEAD', r))).toEqual([
      'admin',
      'qa',
      'lead',
      'ops',
      'agent',
    ]);
  });
});

describe(matchRoute.name, () => {
  it('matches whole segments only, with or without a query string or trailing slash', () => {
    expect(matchRoute('/api/v1/calls')?.service).toBe('ingestion');
    expect(matchRoute('/api/v1/calls/')?.service).toBe('ingestion');
    expect(matchRoute('/api/v1/calls?agentId=a-1')?.service).toBe('ingestion');
    expect(matchRoute('/api/v1/kpis/stream?scope=tenant')?.service).toBe('kpi');
    for (const path of [
      '/api/v1/callsx',
      '/api/v1/calls-x/1',
      '/api/v1',
      '/api/v1/',
      '/api/v1/auth/login',
      '/api/v1/tenants',
      '/api/v1/users',
      '/health',
      'api/v1/calls',
      'http://x/api/v1/calls',
      '/API/V1/CALLS',
      '/api/v1/%63alls',
    ])
      expect(matchRoute(path)).toBeUndefined();
  });

  it('prefers the most specific route, and a template path matches its own rule', () => {
    expect(matchRoute('/api/v1/scorecards/default/versions/3/rescore')?.prefix).toBe(
      '/api/v1/scorecards/:key/versions/:version/rescore',
    );
    expect(matchRoute('/api/v1/scorecards/:key/versions/:version/rescore')?.prefix).toBe(
      '/api/v1/scorecards/:key/versions/:version/rescore',
    );
    expect(matchRoute('/api/v1/scorecards/default/versions/3/activate')?.prefix).toBe(
      '/api/v1/scorecards',
    );
    expect(matchRoute('/api/v1/scorecards/default/versions/3/%72escore')?.prefix).toBe(
      '/api/v1/scorecards',
    );
    expect(matchRoute('/api/v1/scorecards/rescore-jobs/j-1')?.prefix).toBe(
      '/api/v1/scorecards/rescore-jobs',
    );
  });
});
