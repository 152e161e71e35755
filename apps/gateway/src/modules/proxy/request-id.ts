import { randomUUID } from 'node:crypto';
import { REQUEST_ID_HEADER } from '@qa/platform';
import type { Request, Response } from 'express';

const ACCEPTED = /^[\w-]{8,64}$/;

/**
 * The request id for a forwarded request, chosen the way PlatformLoggerModule chooses it (a sane
 * incoming id is kept, else a new one). Forwarded requests never reach the logger middleware,
 * which Nest mounts after the proxy, so the proxy sets the id itself and passes it downstream.
 */
export function assignRequestId(req: Request, res: Response): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && ACCEPTED.test(given) ? given : randomUUID();
  (req as Request & { id?: string }).id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
