import type { OpenAPIObject } from '@nestjs/swagger';
import type { ObservedResponse } from '@qa/platform';

export interface ResponseGap {
  method: string;
  path: string;
  status: number;
  /** One request path that got it, and how often. */
  example: string;
  count: number;
}

export interface ResponseReport {
  /** Answers the document does not list for their operation: the failures. */
  undocumented: ResponseGap[];
  /** Requests under /api that match no documented operation (an unknown route, a wrong method). */
  unmatched: ResponseGap[];
  /** Documented operations no test called. */
  unexercised: string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Template {
  path: string;
  re: RegExp;
  literals: number;
}

function templates(doc: OpenAPIObject): Template[] {
  return Object.keys(doc.paths)
    .map((path) => {
      const parts = path.split('/');
      const re = parts
        .map((p) => (/^\{.+\}$/.test(p) ? '[^/]+' : p.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
        .join('/');
      return {
        path,
        re: new RegExp(`^${re}/?$`),
        literals: parts.filter((p) => !p.startsWith('{')).length,
      };
    })
    .sort((a, b) => b.literals - a.literals);
}

function documents(statuses: string[], status: number): boolean {
  const s = String(status);
  return statuses.some((d) => d === s || d === 'default' || d === `${s[0]}XX`);
}

/** Compares what the tests saw with what the document promises, per operation and status. */
export function compareResponses(
  doc: OpenAPIObject,
  observed: readonly ObservedResponse[],
): ResponseReport {
  const tpls = templates(doc);
  const undocumented = new Map<string, ResponseGap>();
  const unmatched = new Map<string, ResponseGap>();
  const exercised = new Set<string>();
  const note = (into: Map<string, ResponseGap>, gap: Omit<ResponseGap, 'count'>) => {
    const key = `${gap.method} ${gap.path} ${gap.status}`;
    const seen = into.get(key);
    if (seen) seen.count++;
    else into.set(key, { ...gap, count: 1 });
  };
  for (const o of observed) {
    if (!o.path.startsWith('/api/')) continue;
    // HEAD is served by the GET handler (Express), so GET's document covers it.
    const method = o.method === 'HEAD' ? 'get' : o.method.toLowerCase();
    const tpl = tpls.find((t) => t.re.test(o.path));
    const op = tpl && (doc.paths[tpl.path] as Record<string, unknown>)[method];
    if (!tpl || !op || !METHODS.includes(method as 'get')) {
      note(unmatched, {
        method: o.method,
        path: tpl?.path ?? o.path,
        status: o.status,
        example: o.path,
      });
      continue;
    }
    exercised.add(`${o.method} ${tpl.path}`);
    const statuses = Object.keys((op as { responses?: object }).responses ?? {});
    // A 304 is Express's answer to a conditional GET (the browser's If-None-Match on its ETag):
    // the documented 200 with an unchanged body, not a response of its own.
    const conditional = method === 'get' && o.status === 304 && documents(statuses, 200);
    if (!conditional && !documents(statuses, o.status)) {
      note(undocumented, { method: o.method, path: tpl.path, status: o.status, example: o.path });
    }
  }
  const unexercised = Object.entries(doc.paths)
    .filter(([path]) => path.startsWith('/api/'))
    .flatMap(([path, item]) =>
      METHODS.filter((m) => (item as Record<string, unknown>)[m]).map(
        (m) => `${m.toUpperCase()} ${path}`,
      ),
    )
    .filter((op) => !exercised.has(op))
    .sort();
  const byKey = (a: ResponseGap, b: ResponseGap) =>
    `${a.path} ${a.method} ${a.status}`.localeCompare(`${b.path} ${b.method} ${b.status}`);
  return {
    undocumented: [...undocumented.values()].sort(byKey),
    unmatched: [...unmatched.values()].sort(byKey),
    unexercised,
  };
}
