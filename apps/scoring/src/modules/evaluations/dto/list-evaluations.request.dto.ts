import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class ListEvaluationsRequestDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) callId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) agentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) teamId?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601() to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(16) grade?: string;
  @ApiPropertyOptional({ description: 'rule id that failed' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  ruleFailed?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,200}$/) cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
