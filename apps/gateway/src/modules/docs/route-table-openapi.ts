import type { OpenAPIObject, OperationObject, PathItemObject } from '@nestjs/swagger';
import { ROLES } from '@qa/platform';
import { allows, FORWARD_ROUTES, ForwardRoute, matchRoute, METHODS } from '../proxy/forward-routes';

/** What the gateway itself may answer on any forwarded route. */
export const GATEWAY_REFUSALS = {
  '401': { description: 'missing or invalid access token (problem+json)' },
  '403': { description: 'the role may not call this (problem+json)' },
  '503': { description: 'the owning service is not reachable (problem+json)' },
};

function rolesNote(route: ForwardRoute, method: string): string {
  const roles = ROLES.filter((r) => allows(route, method, r));
  return `Roles: ${roles.join(', ') || 'none'}. Forwarded to the ${route.service} service.`;
}

function annotate(route: ForwardRoute, method: string, op: OperationObject): OperationObject {
  return {
    ...op,
    description: [op.description, rolesNote(route, method)].filter(Boolean).join('\n\n'),
    security: [{ bearer: [] }],
    responses: { ...GATEWAY_REFUSALS, ...op.responses },
  };
}

const openApiPath = (prefix: string) => prefix.replace(/:(\w+)/g, '{$1}');

/**
 * The public document's forwarded part, tied to the route table: every documented operation
 * says who may call it and needs the bearer token; a route whose service published no
 * document (down, or not built yet) still appears, as an operation without a schema.
 */
export function withRouteTable(doc: OpenAPIObject): OpenAPIObject {
  const paths: Record<string, PathItemObject> = {};
  for (const [path, item] of Object.entries(doc.paths)) {
    const route = matchRoute(path);
    if (!route) {
      paths[path] = item;
      continue;
    }
    const annotated: PathItemObject = { ...item };
    for (const m of METHODS) {
      const key = m.toLowerCase() as 'get';
      if (item[key]) annotated[key] = annotate(route, m, item[key]);
    }
    paths[path] = annotated;
  }
  for (const route of FORWARD_ROUTES) {
    const documented = Object.keys(paths).some((p) => matchRoute(p) === route);
    if (documented) continue;
    const item: PathItemObject = {};
    for (const m of METHODS.filter((x) => route.roles[x])) {
      item[m.toLowerCase() as 'get'] = annotate(route, m, {
        tags: [route.service],
        summary: `${m} ${route.prefix}… (no schema published by the ${route.service} service yet)`,
        responses: { '200': { description: 'the service answer, streamed back unchanged' } },
      });
    }
    paths[openApiPath(route.prefix)] = item;
  }
  return { ...doc, paths };
}
