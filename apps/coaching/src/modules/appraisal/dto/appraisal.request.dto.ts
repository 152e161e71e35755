import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MONTH } from '../../../domain/monthly-appraisal';

export class GoalRequestDto {
  @ApiProperty({ example: '回访3位投诉客户' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  text!: string;

  @ApiProperty({ example: 1, description: 'what the goal is worth; the day at most 3 in all' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  points!: number;

  @ApiProperty({ description: 'a goal not done scores 0' }) @IsBoolean() done!: boolean;
}

export class PutPlanRequestDto {
  @ApiProperty({ type: [GoalRequestDto], description: 'at most 3 goals, at most 3 points in all' })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => GoalRequestDto)
  goals!: GoalRequestDto[];

  @ApiPropertyOptional({ description: "the plan's version when it was read (absent: a new plan)" })
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedVersion?: number;
}

export class ListPlansRequestDto {
  @ApiProperty({ example: '2026-11' })
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) agentId?: string;
}

export class MonthQueryRequestDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) teamId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) agentId?: string;
}
