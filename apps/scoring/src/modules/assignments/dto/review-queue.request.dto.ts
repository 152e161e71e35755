import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, MaxLength, Min } from 'class-validator';
import { PageRequestDto } from '@qa/platform';

export class ReviewQueueRequestDto extends PageRequestDto {
  @ApiPropertyOptional({
    description: 'leads and admins: one person’s queue (qa: always their own)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  assignee?: string;
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
