import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class ListUsersRequestDto {
  @ApiPropertyOptional({
    description: 'platform admin only: the tenant to list; a tenant admin always gets their own',
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, { message: 'tenantId must be a tenant id' })
  tenantId?: string;
}
