import type { NextFunction, Request, Response } from 'express';
import { SECURITY_HEADERS, securityHeaders } from './security-headers';

describe(securityHeaders.name, () => {
  it('sets every header and hides the framework', () => {
    const set = new Map<string, string>();
    const removed: string[] = [];
    const res = {
      setHeader: (k: string, v: string) => set.set(k, v),
      removeHeader: (k: string) => removed.push(k),
    } as unknown as Response;
    const next = jest.fn() as NextFunction;
    securityHeaders({} as Request, res, next);
    expect(Object.fromEntries(set)).toEqual(SECURITY_HEADERS);
    expect(removed).toEqual(['X-Powered-By']);
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('allows no inline or foreign scripts and no framing', () => {
    const csp = SECURITY_HEADERS['Content-Security-Policy'];
    const scripts = /script-src ([^;]+)/.exec(csp)?.[1];
    expect(scripts).toBe("'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
});
