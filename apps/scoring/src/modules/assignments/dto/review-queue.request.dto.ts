import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class ReviewQueueRequestDto {
  @ApiPropertyOptional({
    description: 'leads and admins: one person’s queue (qa: always their own)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  assignee?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,200}$/) cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ReassignRequestDto {
  @ApiProperty({ description: 'username of the QA person who takes it over' })
  @IsString()
  @Matches(/^\S{1,64}$/, { message: 'assignee must be a username' })
  assignee!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;

  @ApiPropertyOptional({ description: 'the version last read; 409 when it moved on' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}
