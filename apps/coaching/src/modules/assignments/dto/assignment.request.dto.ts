import { PageRequestDto } from '@qa/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

export class ListAssignmentsRequestDto extends PageRequestDto {
  @ApiPropertyOptional({ enum: ['open', 'session_recorded', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'session_recorded', 'closed'])
  status?: 'open' | 'session_recorded' | 'closed';

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) agentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) teamId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) ruleId?: string;
}

export class OpenAssignmentRequestDto {
  @ApiProperty({ description: 'the evaluation the assignment quotes' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  evaluationId!: string;

  @ApiProperty({ description: "one of the evaluation's rules (or manual items)" })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  ruleId!: string;

  @ApiPropertyOptional({ description: 'why the lead opens it' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class RecordSessionRequestDto {
  @ApiProperty() @IsInt() @Min(1) expectedVersion!: number;

  @ApiProperty({ description: 'what was discussed' })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  notes!: string;

  @ApiProperty({ type: [String], description: 'the actions agreed with the agent' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(500, { each: true })
  actions!: string[];

  @ApiProperty({ example: '2026-12-15', description: 'when the actions are due (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate must be YYYY-MM-DD' })
  dueDate!: string;

  @ApiPropertyOptional({
    description: 'when the session was held (default: now); calls from then on count as "after"',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  heldAt?: string;
}

export class CloseAssignmentRequestDto {
  @ApiProperty() @IsInt() @Min(1) expectedVersion!: number;
}
