import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageRequestDto } from '@qa/platform';
import { IsISO8601, IsOptional, IsString, Matches } from 'class-validator';
import { ID_MESSAGE, ID_PATTERN } from './text-rules';

/** What Postgres reads as a timestamptz: a day, or a time of day with an optional offset. */
const DAY_OR_TIME =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;
const DAY_OR_TIME_MESSAGE = '$property must be a date (2026-11-22) or an RFC 3339 time';

export class ListCallsRequestDto extends PageRequestDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  agentId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(ID_PATTERN, { message: ID_MESSAGE })
  teamId?: string;

  @ApiPropertyOptional({ description: 'startedAt ≥ from; a date or an RFC 3339 time' })
  @IsOptional()
  @Matches(DAY_OR_TIME, { message: DAY_OR_TIME_MESSAGE })
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'startedAt < to; a date or an RFC 3339 time' })
  @IsOptional()
  @Matches(DAY_OR_TIME, { message: DAY_OR_TIME_MESSAGE })
  @IsISO8601({ strict: true })
  to?: string;
}
