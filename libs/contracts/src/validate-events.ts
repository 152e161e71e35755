import type { TenantUpserted } from './generated';

/** The checks every consumer of qa.tenant.upserted.v1 applies before using it. */
export function validateTenantUpserted(e: TenantUpserted): string[] {
  const problems: string[] = [];
  if (!e.tenantId) problems.push('tenantId is empty');
  if (!(e.secondsPerRing >= 1 && e.secondsPerRing <= 30))
    problems.push('secondsPerRing must be 1..30');
  return problems;
}
