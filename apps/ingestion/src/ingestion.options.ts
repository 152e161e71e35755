import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_CALL_RECORD_BYTES } from '@qa/contracts';
import { mapErrors, ServiceOptions } from '@qa/platform';
import { json, raw } from 'express';
import { CallError, callErrorStatuses } from './modules/calls/calls.errors';

/** body-parser would turn broken UTF-8 into U+FFFD silently and store it; refuse it instead. */
function verifyUtf8(_req: IncomingMessage, _res: ServerResponse, buf: Buffer): void {
  if (!isUtf8(buf)) {
    throw Object.assign(new Error('the body is not valid UTF-8'), { status: 400 });
  }
}

export const ingestionServiceOptions: ServiceOptions = {
  name: 'ingestion',
  // Body limits differ per route, so parsers are mounted here rather than globally.
  bodyParser: false,
  domainErrors: [mapErrors(CallError, callErrorStatuses)],
  configure: (app) => {
    app.use(
      '/api/v1/calls/batch',
      json({ limit: '64mb', verify: verifyUtf8 }),
      // NDJSON stays bytes: a line that is not UTF-8 is rejected on its own, not the whole batch.
      raw({
        type: ['application/x-ndjson', 'application/ndjson', 'application/jsonl'],
        limit: '64mb',
      }),
    );
    // One call: the same limit as a record on qa.call.raw.v1.
    app.use(json({ limit: MAX_CALL_RECORD_BYTES, verify: verifyUtf8 }));
  },
};
