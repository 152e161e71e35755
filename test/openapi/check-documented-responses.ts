/**
 * Fails when the integration run saw an answer that /docs does not list for its operation:
 *   node -r @swc-node/register test/openapi/check-documented-responses.ts <QA_RESPONSE_LOG_DIR>
 * The services of the run kept their OpenAPI documents and every answer there (createService,
 * QA_RESPONSE_LOG_DIR); they are merged as the gateway publishes them. Documented operations no
 * test called, and requests matching no operation, are listed for information only.
 */
import 'reflect-metadata';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { ObservedResponse } from '@qa/platform';
import { mergeOpenApi } from '../../apps/gateway/src/modules/docs/merged-openapi';
import { GATEWAY_REFUSALS } from '../../apps/gateway/src/modules/docs/route-table-openapi';
import { matchRoute } from '../../apps/gateway/src/modules/proxy/forward-routes';
import { compareResponses, ResponseGap } from './documented-responses';

const dir = process.argv[2];
if (!dir || !existsSync(dir)) {
  process.stderr.write(`[openapi] no response log folder ${dir ?? ''}\n`);
  process.exit(1);
}
const files = readdirSync(dir).sort();
const docs = files
  .filter((f) => /^openapi-.*\.json$/.test(f))
  .map((f) => ({ f, doc: JSON.parse(readFileSync(join(dir, f), 'utf8')) as OpenAPIObject }));
const own = docs.filter((d) => d.f.startsWith('openapi-gateway-'));
if (own.length === 0) {
  process.stderr.write('[openapi] the run started no gateway, so there is no document to check\n');
  process.exit(1);
}
const merged = mergeOpenApi(
  { ...own[0].doc, paths: Object.assign({}, ...own.map((d) => d.doc.paths)) },
  docs.filter((d) => !own.includes(d)).map((d) => d.doc),
);
const refusals = Object.keys(GATEWAY_REFUSALS).map(Number);
const observed = files
  .filter((f) => /^responses-.*\.ndjson$/.test(f))
  .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean))
  .map((l) => JSON.parse(l) as ObservedResponse)
  // What the gateway forwards is the service's answer, recorded by the service itself (a test's
  // stand-in downstream answers anything); only the gateway's own refusals are its to document.
  .filter((o) => o.service !== 'gateway' || !matchRoute(o.path) || refusals.includes(o.status));
const report = compareResponses(merged, observed);
writeFileSync(join(dir, 'report.json'), JSON.stringify(report, null, 2));
const line = (g: ResponseGap) =>
  `  ${g.method} ${g.path} → ${g.status} (${g.count}×, e.g. ${g.example})\n`;
if (report.undocumented.length > 0) {
  process.stderr.write('[openapi] answers the document does not list:\n');
  for (const g of report.undocumented) process.stderr.write(line(g));
}
process.stderr.write(
  `[openapi] ${observed.length} answers checked against ${Object.keys(merged.paths).length} paths: ` +
    `${report.undocumented.length} undocumented; for information, ${report.unmatched.length} ` +
    `request shapes match no operation and ${report.unexercised.length} operations were never ` +
    `called (${join(dir, 'report.json')})\n`,
);
process.exit(report.undocumented.length > 0 ? 1 : 0);
