import { randomUUID } from 'node:crypto';
import { INestApplication, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { createService, PUBLIC_KEY, Role, ROLES, ROLES_KEY } from '@qa/platform';
import { sampleCall, seedTenant, waitFor } from '@qa/testing';
import request from 'supertest';
import {
  allows,
  FORWARD_ROUTES,
  matchRoute,
} from '../../apps/gateway/src/modules/proxy/forward-routes';
import { AppModule as CoachingModule } from '../../apps/coaching/src/app.module';
import { coachingServiceOptions } from '../../apps/coaching/src/coaching.options';
import { AppraisalController } from '../../apps/coaching/src/modules/appraisal/appraisal.controller';
import { AssignmentsController } from '../../apps/coaching/src/modules/assignments/assignments.controller';
import { PromotionController } from '../../apps/coaching/src/modules/promotion/promotion.controller';
import { TrainingController } from '../../apps/coaching/src/modules/training/training.controller';
import { SettingsController as CoachingSettingsController } from '../../apps/coaching/src/modules/settings/settings.controller';
import { TrainingCallsController } from '../../apps/coaching/src/modules/training/training-calls.controller';
import { TrendsController } from '../../apps/coaching/src/modules/trends/trends.controller';
import { AppModule as ComplaintsModule } from '../../apps/complaints/src/app.module';
import { complaintsServiceOptions } from '../../apps/complaints/src/complaints.options';
import { SettingsController } from '../../apps/complaints/src/modules/settings/settings.controller';
import { StatsController } from '../../apps/complaints/src/modules/stats/stats.controller';
import { TicketsController } from '../../apps/complaints/src/modules/tickets/tickets.controller';
import { AppModule as IngestionModule } from '../../apps/ingestion/src/app.module';
import { AppModule as KpiModule } from '../../apps/kpi/src/app.module';
import { kpiServiceOptions } from '../../apps/kpi/src/kpi.options';
import { KpisController } from '../../apps/kpi/src/modules/kpis/kpis.controller';
import { ingestionServiceOptions } from '../../apps/ingestion/src/ingestion.options';
import { CdrImportController } from '../../apps/ingestion/src/modules/cdr-import/cdr-import.controller';
import { CallsController } from '../../apps/ingestion/src/modules/calls/calls.controller';
import { RecordingsController } from '../../apps/ingestion/src/modules/recordings/recordings.controller';
import { AppModule as ScoringModule } from '../../apps/scoring/src/app.module';
import { CalibrationsController } from '../../apps/scoring/src/modules/calibration/calibrations.controller';
import { ReportsController } from '../../apps/scoring/src/modules/reports/reports.controller';
import { ReviewQueueController } from '../../apps/scoring/src/modules/assignments/review-queue.controller';
import { SamplingPoliciesController } from '../../apps/scoring/src/modules/assignments/sampling-policies.controller';
import { EvaluationsController } from '../../apps/scoring/src/modules/evaluations/evaluations.controller';
import { RescoreController } from '../../apps/scoring/src/modules/rescoring/rescore.controller';
import {
  DisputesController,
  ReviewSettingsController,
} from '../../apps/scoring/src/modules/reviews/disputes.controller';
import { ReviewsController } from '../../apps/scoring/src/modules/reviews/reviews.controller';
import { ScorecardsController } from '../../apps/scoring/src/modules/scorecards/scorecards.controller';
import { scoringServiceOptions } from '../../apps/scoring/src/scoring.options';

/**
 * Every forwarded controller of every service; a new controller must be added here and to
 * FORWARD_ROUTES. (The KPI stream never ends: its roles are tested in kpi-stream.int-spec.ts.)
 */
const CONTROLLERS: Type<unknown>[] = [
  CallsController,
  RecordingsController,
  CdrImportController,
  EvaluationsController,
  ScorecardsController,
  RescoreController,
  SamplingPoliciesController,
  ReviewQueueController,
  ReportsController,
  CalibrationsController,
  ReviewsController,
  DisputesController,
  ReviewSettingsController,
  TicketsController,
  StatsController,
  SettingsController,
  KpisController,
  AssignmentsController,
  CoachingSettingsController,
  AppraisalController,
  PromotionController,
  TrainingController,
  TrainingCallsController,
  TrendsController,
];

interface ApiRoute {
  method: 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT';
  path: string;
  /** The service's own @Roles, or undefined for any authenticated identity. */
  serviceRoles?: Role[];
}

function routesOf(controller: Type<unknown>): ApiRoute[] {
  const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
  const proto = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto)
    .filter(
      (name) =>
        name !== 'constructor' && Reflect.hasMetadata(METHOD_METADATA, proto[name] as object),
    )
    .map((name) => {
      const handler = proto[name] as object;
      const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
      const method = RequestMethod[
        Reflect.getMetadata(METHOD_METADATA, handler) as number
      ] as ApiRoute['method'];
      const roles = (Reflect.getMetadata(ROLES_KEY, handler) ??
        Reflect.getMetadata(ROLES_KEY, controller)) as Role[] | undefined;
      expect(Reflect.getMetadata(PUBLIC_KEY, handler)).toBeUndefined();
      return {
        method,
        path: `/${[base, sub].filter(Boolean).join('/')}`.replace(/\/+/g, '/').replace(/\/$/, ''),
        serviceRoles: roles,
      };
    });
}

const SERVICE_ROUTES = CONTROLLERS.flatMap(routesOf);
/** Every GET is also a HEAD (Express answers it from the GET handler): the same people may. */
const ROUTES = [
  ...SERVICE_ROUTES,
  ...SERVICE_ROUTES.filter((r) => r.method === 'GET').map((r) => ({
    ...r,
    method: 'HEAD' as const,
  })),
];

describe('authorisation matrix (every route × role × own/other tenant)', () => {
  it('gives every service route a rule in the gateway route table', () => {
    const missing = SERVICE_ROUTES.filter((r) => !matchRoute(r.path)?.roles[r.method as 'GET']).map(
      (r) => `${r.method} ${r.path}`,
    );
    expect(missing).toEqual([]);
    expect(SERVICE_ROUTES.length).toBeGreaterThanOrEqual(14);
  });

  describe('through the real gateway', () => {
    const tenantA = `ma-${randomUUID().slice(0, 8)}`;
    const tenantB = `mb-${randomUUID().slice(0, 8)}`;
    const password = 'Matrix-pass-2026!';
    const apps: INestApplication[] = [];
    let http: ReturnType<typeof request>;
    const tokens = new Map<string, string>();
    const ids: Record<string, string> = {};
    /** Identifiers only tenant A's data carries: another tenant must never see them. */
    const markersOfA: string[] = [];

    const port = (app: INestApplication) =>
      (app.getHttpServer().address() as { port: number }).port;

    beforeAll(async () => {
      const ingestion = await createService(IngestionModule, ingestionServiceOptions);
      await ingestion.listen(0);
      const scoring = await createService(ScoringModule, scoringServiceOptions);
      await scoring.listen(0);
      const kpi = await createService(KpiModule, kpiServiceOptions);
      await kpi.listen(0);
      apps.push(ingestion, scoring, kpi);
      process.env.INGESTION_URL = `http://127.0.0.1:${port(ingestion)}`;
      process.env.SCORING_URL = `http://127.0.0.1:${port(scoring)}`;
      const complaints = await createService(ComplaintsModule, complaintsServiceOptions);
      await complaints.listen(0);
      apps.push(complaints);
      process.env.COMPLAINTS_URL = `http://127.0.0.1:${port(complaints)}`;
      process.env.KPI_URL = `http://127.0.0.1:${port(kpi)}`;
      const coaching = await createService(CoachingModule, coachingServiceOptions);
      await coaching.listen(0);
      apps.push(coaching);
      process.env.COACHING_URL = `http://127.0.0.1:${port(coaching)}`;
      const { AppModule } = await import('../../apps/gateway/src/app.module');
      const { gatewayServiceOptions } = await import('../../apps/gateway/src/gateway.options');
      const gateway = await createService(AppModule, gatewayServiceOptions);
      await gateway.listen(0);
      apps.push(gateway);
      http = request(gateway.getHttpServer());
      const login = async (username: string, pass: string) =>
        (await http.post('/api/v1/auth/login').send({ username, password: pass })).body
          .accessToken as string;
      const admin = await login('admin', process.env.ADMIN_PASSWORD ?? 'admin');
      tokens.set('platform_admin', admin);
      for (const tenantId of [tenantA, tenantB]) {
        const seeded = await seedTenant(http, admin, tenantId, { password });
        for (const [role, token] of Object.entries(seeded))
          tokens.set(`${tenantId}/${role}`, token);
      }
      ids.callId = `c-${randomUUID()}`;
      const call = sampleCall({
        callId: ids.callId,
        tenantId: tenantA,
        customer: undefined,
        answeredAt: '2026-11-22T09:00:05+08:00',
        endedAt: '2026-11-22T09:01:00+08:00',
        segments: [{ speaker: 'agent', startMs: 0, endMs: 2000, text: '您好,示例公司' }],
      });
      await http
        .post('/api/v1/calls')
        .auth(tokens.get(`${tenantA}/qa`)!, { type: 'bearer' })
        .send(call);
      ids.id = await waitFor('tenant A evaluation', async () => {
        const r = await http
          .get('/api/v1/evaluations')
          .query({ callId: ids.callId })
          .auth(tokens.get(`${tenantA}/qa`)!, { type: 'bearer' });
        return r.body.items?.[0]?.id as string | undefined;
      });
      ids.key = 'default';
      const cards = await http
        .get('/api/v1/scorecards')
        .auth(tokens.get(`${tenantA}/admin`)!, { type: 'bearer' });
      markersOfA.push(
        tenantA,
        ids.callId,
        ids.id,
        ...(cards.body as { id: string }[]).map((c) => c.id),
      );
      ids.version = '1';
      ids.jobId = 'rescore.none';
      // The seeded agent's own id: an agent asking for another agent's trend is refused.
      ids.agentId = 'a-1';
    });

    afterAll(async () => {
      for (const app of apps.reverse()) await app.close();
    });

    const concrete = (path: string) =>
      path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(ids[name] ?? 'x'));

    it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(
      '%s',
      async (_name, route) => {
        const failures: string[] = [];
        for (const role of ROLES) {
          for (const who of role === 'platform_admin' ? ['none'] : ['own', 'other']) {
            const token =
              role === 'platform_admin'
                ? tokens.get(role)!
                : tokens.get(`${who === 'own' ? tenantA : tenantB}/${role}`)!;
            const matched = matchRoute(route.path);
            const gatewayAllows = matched ? allows(matched, route.method, role) : false;
            const serviceAllows = !route.serviceRoles || route.serviceRoles.includes(role);
            const req =
              route.method === 'GET'
                ? http.get(concrete(route.path))
                : route.method === 'HEAD'
                  ? http.head(concrete(route.path))
                  : http[
                      route.method === 'POST' ? 'post' : route.method === 'PUT' ? 'put' : 'patch'
                    ](concrete(route.path)).send({});
            const res = await req.auth(token, { type: 'bearer' });
            const denied = res.status === 403;
            const expectDenied = !(gatewayAllows && serviceAllows);
            if (denied !== expectDenied || res.status === 401)
              failures.push(
                `${role}/${who}: ${res.status}, expected ${expectDenied ? 403 : 'allowed'}`,
              );
            // Another tenant's ids resolve to nothing (404, never 403), and A's data never shows.
            // An error may echo the id that was asked for; anything else of A's is a leak.
            const asked = concrete(route.path);
            const leaked = markersOfA.some(
              (m) =>
                !asked.includes(encodeURIComponent(m)) &&
                JSON.stringify(res.body ?? '').includes(m),
            );
            if (who === 'other' && leaked)
              failures.push(`${role}/other tenant: saw tenant A's data`);
            const ownsId =
              /:(callId|id)\b/.test(route.path) &&
              (route.method === 'GET' || route.method === 'HEAD');
            if (!expectDenied && who === 'other' && ownsId && res.status !== 404) {
              failures.push(
                `${role}/other tenant: ${res.status} for tenant A's resource, expected 404`,
              );
            }
          }
        }
        expect(failures).toEqual([]);
      },
    );

    it('refuses every forwarded route without a token', async () => {
      for (const r of FORWARD_ROUTES) expect((await http.get(r.prefix)).status).toBe(401);
    });
  });
});
