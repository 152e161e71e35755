import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { Outcome } from '@qa/qa-rules';

export const OUTCOMES = ['pass', 'fail', 'not_applicable'] as const;

export class OverrideRequestDto {
  @ApiProperty({ example: 'forbidden.phrases' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  ruleId!: string;

  @ApiPropertyOptional({ description: 'needed only when the rule scores several items' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  itemId?: string;

  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome!: Outcome;

  @ApiPropertyOptional({
    description: "required when the outcome differs from the engine's (a confirmation needs none)",
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class AnswerRequestDto {
  @ApiProperty({ description: 'a manual item of the scorecard' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  itemId!: string;

  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome!: Outcome;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class ReviewRequestDto {
  @ApiProperty({ description: "the evaluation's version as read; 409 when stale" })
  @IsInt()
  @Min(1)
  expectedVersion!: number;

  @ApiPropertyOptional({ type: [OverrideRequestDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OverrideRequestDto)
  overrides?: OverrideRequestDto[];

  @ApiPropertyOptional({ type: [AnswerRequestDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AnswerRequestDto)
  answers?: AnswerRequestDto[];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) comment?: string;

  @ApiPropertyOptional({ description: 'make the evaluation final (no further review)' })
  @IsOptional()
  @IsBoolean()
  finalize?: boolean;
}
