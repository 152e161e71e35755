import { DomainError, ProblemStatus, ProblemStatuses } from '../http/problem-details';
import type { Identity } from './identity';

export enum TenantErrorCode {
  Required = 'TENANT_REQUIRED',
  NotFound = 'TENANT_NOT_FOUND',
}

/** The same answer in every service: a tenant's data is absent to whoever holds no tenant. */
export class TenantError extends DomainError<TenantErrorCode> {
  static required(): TenantError {
    return new TenantError(
      TenantErrorCode.Required,
      'no tenant: the platform admin belongs to none; sign in as a tenant user',
    );
  }

  static notFound(tenantId: string): TenantError {
    return new TenantError(TenantErrorCode.NotFound, `tenant ${tenantId} not found`);
  }
}

export const tenantErrorStatuses: Record<TenantErrorCode, ProblemStatus> = {
  [TenantErrorCode.Required]: ProblemStatuses.notFound,
  [TenantErrorCode.NotFound]: ProblemStatuses.notFound,
};

/** The caller's tenant; the platform admin, of none, gets TENANT_REQUIRED (404). */
export function tenantOf(identity: Identity): string {
  if (identity.tenantId === null) throw TenantError.required();
  return identity.tenantId;
}
