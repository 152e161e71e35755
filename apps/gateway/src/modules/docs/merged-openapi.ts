import { get } from 'node:http';
import type { OpenAPIObject } from '@nestjs/swagger';
import { withRouteTable } from './route-table-openapi';

const TTL_MS = 30_000;

function fetchJson(url: string): Promise<OpenAPIObject | null> {
  return new Promise((resolve) => {
    const req = get(url, { timeout: 2000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve(
            res.statusCode === 200
              ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as OpenAPIObject)
              : null,
          );
        } catch {
          resolve(null);
        }
      });
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
  });
}

/** The gateway's own document with every service's /api paths, tied to the route table. */
export function mergeOpenApi(own: OpenAPIObject, docs: (OpenAPIObject | null)[]): OpenAPIObject {
  const doc: OpenAPIObject = {
    ...own,
    paths: { ...own.paths },
    components: { ...own.components, schemas: { ...own.components?.schemas } },
  };
  for (const d of docs) {
    if (!d) continue;
    for (const [path, item] of Object.entries(d.paths ?? {})) {
      if (path.startsWith('/api/')) doc.paths[path] = { ...item };
    }
    Object.assign(doc.components!.schemas!, d.components?.schemas ?? {});
  }
  return withRouteTable(doc);
}

/**
 * The public OpenAPI document: the gateway's own routes plus every service's, read from their
 * /docs-json (generated from their controllers). A service that is down is left out for 30 s.
 */
export class MergedOpenApi {
  private cache?: { at: number; doc: OpenAPIObject };

  constructor(private readonly services: Record<string, string>) {}

  async document(own: OpenAPIObject): Promise<OpenAPIObject> {
    if (this.cache && Date.now() - this.cache.at < TTL_MS) return this.cache.doc;
    const docs = await Promise.all(
      Object.values(this.services).map((base) => fetchJson(new URL('/docs-json', base).toString())),
    );
    const full = mergeOpenApi(own, docs);
    this.cache = { at: Date.now(), doc: full };
    return full;
  }
}
