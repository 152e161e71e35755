import type { NextFunction, Request, Response } from 'express';
import { HSTS, SECURITY_HEADERS, securityHeaders } from './security-headers';

describe(securityHeaders.name, () => {
  it('sets every header and hides the framework', () => {
    const set = new Map<string, string>();
    const removed: string[] = [];
    const res = {
      setHeader: (k: string, v: string) => set.set(k, v),
      removeHeader: (k: string) => removed.push(k),
    } as unknown as Response;
    const next = jest.fn() as NextFunction;
    securityHeaders({ secure: false } as Request, res, next);
    expect(Object.fromEntries(set)).toEqual(SECURITY_HEADERS);
    expect(set.has('Strict-Transport-Security')).toBe(false);
    expect(removed).toEqual(['X-Powered-By']);
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('sends HSTS only when the request came over TLS', () => {
    const set = new Map<string, string>();
    const res = {
      setHeader: (k: string, v: string) => set.set(k, v),
      removeHeader: () => undefined,
    };
    securityHeaders({ secure: true } as Request, res as unknown as Response, jest.fn());
    expect(set.get('Strict-Transport-Security')).toBe(HSTS);
  });

  it('allows no inline or foreign scripts and no framing', () => {
    const csp = SECURITY_HEADERS['Content-Security-Policy'];
    const scripts = /script-src ([^;]+)/.exec(csp)?.[1];
    expect(scripts).toBe("'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
});
