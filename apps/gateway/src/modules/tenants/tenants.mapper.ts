import { TenantResponseDto } from './dto/tenant.response.dto';
import { TenantEntity } from './entities/tenant.entity';

export const toTenantResponse = (t: TenantEntity): TenantResponseDto => ({
  tenantId: t.tenantId,
  name: t.name,
  companyName: t.companyName,
  secondsPerRing: t.secondsPerRing,
  timezone: t.timezone,
});
