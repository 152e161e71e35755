import type { OpenAPIObject } from '@nestjs/swagger';
import { FORWARD_ROUTES } from '../proxy/forward-routes';
import { withRouteTable } from './route-table-openapi';

const doc = (paths: OpenAPIObject['paths']): OpenAPIObject => ({
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths,
});

describe(withRouteTable.name, () => {
  it('documents every forwarded route even when no service published a document', () => {
    const out = withRouteTable(doc({}));
    expect(Object.keys(out.paths).sort()).toEqual(
      FORWARD_ROUTES.map((r) => r.prefix.replace(/:(\w+)/g, '{$1}')).sort(),
    );
    const kpis = out.paths['/api/v1/kpis'];
    expect(Object.keys(kpis)).toEqual(['get']);
    expect(kpis.get?.description).toContain('Roles: admin, qa, lead, ops, agent.');
    expect(kpis.get?.security).toEqual([{ bearer: [] }]);
  });

  it("annotates a service's own operations with their roles and keeps its schemas", () => {
    const out = withRouteTable(
      doc({
        '/api/v1/calls/{callId}': {
          get: { description: 'One call.', responses: { '200': { description: 'the call' } } },
        },
        '/api/v1/auth/login': { post: { responses: { '200': { description: 'tokens' } } } },
      }),
    );
    const get = out.paths['/api/v1/calls/{callId}'].get!;
    expect(get.description).toBe(
      'One call.\n\nRoles: admin, qa, lead, ops, agent. Forwarded to the ingestion service.',
    );
    expect(Object.keys(get.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
    expect(out.paths['/api/v1/auth/login'].post?.security).toBeUndefined();
    // calls is documented by the service, so no placeholder is added for it
    expect(out.paths['/api/v1/calls']).toBeUndefined();
  });
});
