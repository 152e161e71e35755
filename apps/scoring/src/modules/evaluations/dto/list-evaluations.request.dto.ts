import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageRequestDto } from '@qa/platform';

export class ListEvaluationsRequestDto extends PageRequestDto {
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
}
