import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { PUBLIC_KEY, Role, ROLES, ROLES_KEY } from '@qa/platform';
import { AppModule } from './app.module';
import { matchRoute } from './modules/proxy/forward-routes';

type Rule = 'public' | 'authenticated' | Role[];

/** Who may call the gateway's own routes. A new route fails here until it gets a line. */
const GRID: Record<string, Rule> = {
  'GET /health': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/refresh': 'public',
  'POST /api/v1/auth/logout': 'public',
  'GET /api/v1/auth/me': 'authenticated',
  'POST /api/v1/auth/password': 'authenticated',
  'GET /api/v1/tenants': ['platform_admin'],
  'POST /api/v1/tenants': ['platform_admin'],
  'PATCH /api/v1/tenants/:tenantId': ['platform_admin'],
  'GET /api/v1/users': ['platform_admin', 'admin'],
  'POST /api/v1/users': ['platform_admin', 'admin'],
  'PATCH /api/v1/users/:id': ['platform_admin', 'admin'],
  'POST /api/v1/users/:id/password': ['platform_admin', 'admin'],
  'DELETE /api/v1/users/:id': ['platform_admin', 'admin'],
};

function controllersOf(module: unknown, seen = new Set<unknown>()): Type<unknown>[] {
  if (!module || seen.has(module)) return [];
  seen.add(module);
  const target = (module as { module?: unknown }).module ?? module;
  const own = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, target as object) ??
    []) as Type<unknown>[];
  const imports = [
    ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, target as object) ?? []) as unknown[]),
    ...(((module as { imports?: unknown[] }).imports ?? []) as unknown[]),
  ];
  return [...own, ...imports.flatMap((m) => controllersOf(m, seen))];
}

function routesOf(controller: Type<unknown>): { key: string; rule: Rule }[] {
  const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
  const proto = controller.prototype as Record<string, object>;
  return Object.getOwnPropertyNames(proto)
    .filter((n) => n !== 'constructor' && Reflect.hasMetadata(METHOD_METADATA, proto[n]))
    .map((n) => {
      const handler = proto[n];
      const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const path = `/${[base, sub].filter(Boolean).join('/')}`.replace(/\/+/g, '/');
      const isPublic =
        Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller);
      const roles = (Reflect.getMetadata(ROLES_KEY, handler) ??
        Reflect.getMetadata(ROLES_KEY, controller)) as Role[] | undefined;
      const rule: Rule = isPublic ? 'public' : (roles ?? 'authenticated');
      return { key: `${method} ${path.replace(/\/$/, '') || '/'}`, rule };
    });
}

const ROUTES = controllersOf(AppModule).flatMap(routesOf);

describe("gateway's own routes", () => {
  it('are all in the grid, and the grid has no stale lines', () => {
    expect(ROUTES.map((r) => r.key).sort()).toEqual(Object.keys(GRID).sort());
  });

  it.each(ROUTES.map((r) => [r.key, r.rule] as const))('%s', (key, rule) => {
    expect(rule).toEqual(GRID[key]);
  });

  it('never overlap a forwarded prefix, so the proxy cannot shadow them', () => {
    for (const r of ROUTES) expect(matchRoute(r.key.split(' ')[1])).toBeUndefined();
  });

  it('keep tenant data away from roles that have no business there', () => {
    const allowed = (key: string, role: Role) => {
      const rule = GRID[key];
      return rule === 'public' || rule === 'authenticated' || rule.includes(role);
    };
    for (const role of ROLES.filter((r) => r !== 'platform_admin' && r !== 'admin')) {
      expect(allowed('GET /api/v1/users', role)).toBe(false);
      expect(allowed('POST /api/v1/users', role)).toBe(false);
      expect(allowed('PATCH /api/v1/users/:id', role)).toBe(false);
      expect(allowed('DELETE /api/v1/users/:id', role)).toBe(false);
    }
    expect(ROLES.filter((r) => allowed('POST /api/v1/tenants', r))).toEqual(['platform_admin']);
  });
});
