import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** A range of the tenant's local days; trendRange checks it, naming every bad field. */
export class LocalRangeRequestDto {
  @ApiPropertyOptional({
    example: '2026-09-01',
    description: 'first local day; default 12 weeks (a trend by month: 6 months) before to',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'last local day; default today' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  to?: string;
}

export class TrendQueryRequestDto extends LocalRangeRequestDto {
  @ApiPropertyOptional({ enum: ['week', 'month'], default: 'week' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  bucket?: string;

  @ApiPropertyOptional({ description: 'one rule only' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  ruleId?: string;
}
