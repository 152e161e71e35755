import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

/** One answer a service sent, as test/openapi/check-documented-responses.ts reads it. */
export interface ObservedResponse {
  service: string;
  method: string;
  path: string;
  status: number;
}

/**
 * Test runs only (QA_RESPONSE_LOG_DIR set): keeps the service's OpenAPI document and appends
 * every answer it sends to the folder, so the run can be checked against what /docs promises.
 * Synchronous appends: a test process may end right after its last request.
 */
export function recordResponses(
  app: INestApplication,
  dir: string,
  service: string,
  doc: OpenAPIObject,
): void {
  mkdirSync(dir, { recursive: true });
  const text = JSON.stringify(doc);
  // One file per distinct document: a test may build a service from a trimmed module.
  const name = `openapi-${service}-${createHash('sha1').update(text).digest('hex').slice(0, 8)}`;
  const tmp = join(dir, `${name}.${process.pid}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, join(dir, `${name}.json`));
  const log = join(dir, `responses-${process.pid}.ndjson`);
  (app.getHttpServer() as Server).on('request', (req: IncomingMessage, res: ServerResponse) => {
    res.on('finish', () => {
      const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
      const line: ObservedResponse = {
        service,
        method: req.method ?? '',
        path: url.split('?')[0],
        status: res.statusCode,
      };
      appendFileSync(log, `${JSON.stringify(line)}\n`);
    });
  });
}
