import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** Cursor paging, the same on every list scoring serves. */
export class PageRequestDto {
  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,200}$/) cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
