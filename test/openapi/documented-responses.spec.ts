import type { OpenAPIObject } from '@nestjs/swagger';
import type { ObservedResponse } from '@qa/platform';
import { compareResponses } from './documented-responses';

const doc = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/api/v1/calls': { post: { responses: { '201': {}, '400': {} } } },
    '/api/v1/calls/{callId}': { get: { responses: { '200': {}, '404': {} } } },
    '/api/v1/calls/batch': { post: { responses: { '200': {} } } },
    '/api/v1/kpis': { get: { responses: { '2XX': {}, default: {} } } },
  },
} as unknown as OpenAPIObject;

const seen = (method: string, path: string, status: number): ObservedResponse => ({
  service: 'ingestion',
  method,
  path,
  status,
});

describe(compareResponses.name, () => {
  it('flags a status the operation does not list, counted per template', () => {
    const r = compareResponses(doc, [
      seen('POST', '/api/v1/calls', 201),
      seen('POST', '/api/v1/calls', 413),
      seen('POST', '/api/v1/calls', 413),
      seen('GET', '/api/v1/calls/c-1', 404),
      seen('GET', '/api/v1/calls/c-2', 409),
    ]);
    expect(r.undocumented).toEqual([
      { method: 'POST', path: '/api/v1/calls', status: 413, example: '/api/v1/calls', count: 2 },
      {
        method: 'GET',
        path: '/api/v1/calls/{callId}',
        status: 409,
        example: '/api/v1/calls/c-2',
        count: 1,
      },
    ]);
  });

  it('prefers the literal path over a parameter, honours ranges and default, reads HEAD as GET', () => {
    const r = compareResponses(doc, [
      seen('POST', '/api/v1/calls/batch', 200),
      seen('GET', '/api/v1/kpis', 204),
      seen('GET', '/api/v1/kpis', 500),
      seen('HEAD', '/api/v1/calls/c-1', 404),
    ]);
    expect(r.undocumented).toEqual([]);
  });

  it("reads a conditional GET's 304 as the documented 200, and only there", () => {
    const r = compareResponses(doc, [
      seen('GET', '/api/v1/calls/c-1', 304),
      seen('POST', '/api/v1/calls', 304),
    ]);
    expect(r.undocumented).toEqual([
      { method: 'POST', path: '/api/v1/calls', status: 304, example: '/api/v1/calls', count: 1 },
    ]);
  });

  it('lists unknown routes and methods apart, and ignores paths outside /api', () => {
    const r = compareResponses(doc, [
      seen('GET', '/api/v1/nothing-here', 404),
      seen('DELETE', '/api/v1/calls/c-1', 404),
      seen('GET', '/health', 200),
    ]);
    expect(r.undocumented).toEqual([]);
    expect(r.unmatched.map((g) => `${g.method} ${g.path}`)).toEqual([
      'DELETE /api/v1/calls/{callId}',
      'GET /api/v1/nothing-here',
    ]);
  });

  it('names the documented operations nobody called', () => {
    const r = compareResponses(doc, [seen('GET', '/api/v1/calls/c-1', 200)]);
    expect(r.unexercised).toEqual([
      'GET /api/v1/kpis',
      'POST /api/v1/calls',
      'POST /api/v1/calls/batch',
    ]);
  });
});
