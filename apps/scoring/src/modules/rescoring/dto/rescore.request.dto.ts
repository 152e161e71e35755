import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsOptional } from 'class-validator';

export class RescoreRequestDto {
  @ApiProperty({ description: 'calls started at or after (RFC 3339)' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ description: 'calls started before (RFC 3339)' })
  @IsISO8601({ strict: true })
  to!: string;

  @ApiPropertyOptional({
    default: true,
    description: 'show how scores would move; store and publish nothing',
  })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}
