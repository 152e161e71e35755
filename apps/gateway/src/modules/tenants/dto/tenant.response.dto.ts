import { ApiProperty } from '@nestjs/swagger';

export class TenantResponseDto {
  @ApiProperty() tenantId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() companyName!: string;
  @ApiProperty() secondsPerRing!: number;
  @ApiProperty() timezone!: string;
}
