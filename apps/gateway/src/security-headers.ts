import type { NextFunction, Request, Response } from 'express';

// Neither the dashboard bundle nor Swagger UI runs inline scripts, so scripts need no
// 'unsafe-inline'; inline styles stay allowed for Swagger UI's <style> block.
const CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "media-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
].join('; ');

/** The headers helmet sets by default that matter for an API plus a same-origin dashboard. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Origin-Agent-Cluster': '?1',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-DNS-Prefetch-Control': 'off',
  'X-Frame-Options': 'DENY',
  'X-Permitted-Cross-Domain-Policies': 'none',
};

/** Only over TLS (req.secure: direct, or X-Forwarded-Proto from a TRUST_PROXY proxy). */
export const HSTS = 'max-age=15552000; includeSubDomains';

export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
  res.removeHeader('X-Powered-By');
  next();
}
