import { domainErrorMapper, mapErrors } from '../http/problem-details.filter';
import { DomainError } from '../http/problem-details';
import type { Identity } from './identity';
import { TenantError, TenantErrorCode, tenantOf } from './tenant';

class WidgetError extends DomainError<'WIDGET_GONE'> {
  constructor() {
    super('WIDGET_GONE', 'widget gone');
  }
}

const identity = (tenantId: string | null): Identity => ({
  userId: 'u-1',
  username: 'u',
  role: tenantId === null ? 'platform_admin' : 'qa',
  tenantId,
});

describe(TenantError.name, () => {
  it('tenantOf gives the caller its tenant, and the platform admin a 404 in every service', () => {
    expect(tenantOf(identity('t-1'))).toBe('t-1');
    expect(() => tenantOf(identity(null))).toThrow(
      expect.objectContaining({ code: TenantErrorCode.Required }),
    );
    const map = domainErrorMapper([]);
    expect(map(TenantError.required())).toEqual({ status: 404, title: 'Not found' });
    expect(map(TenantError.notFound('t-9'))).toEqual({ status: 404, title: 'Not found' });
  });

  it("maps a service's own error classes and leaves unknown ones to the filter's 500", () => {
    const map = domainErrorMapper([
      mapErrors(WidgetError, { WIDGET_GONE: { status: 410, title: 'Gone' } }),
    ]);
    expect(map(new WidgetError())).toEqual({ status: 410, title: 'Gone' });
    class Other extends DomainError {
      constructor() {
        super('OTHER', 'other');
      }
    }
    expect(map(new Other())).toBeUndefined();
  });
});
