import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MONTH } from '../../../domain/monthly-appraisal';

export class PeriodRequestDto {
  @ApiProperty({ example: '2026-09' })
  @Matches(MONTH, { message: 'from must be YYYY-MM' })
  from!: string;
  @ApiProperty({ example: '2026-11', description: 'the last appraisal month considered' })
  @Matches(MONTH, { message: 'to must be YYYY-MM' })
  to!: string;
}

export class EligibilityRequestDto {
  @ApiProperty({ example: 2, description: 'the least grade (客服专员 Ⅱ级 = 2)' })
  @IsInt()
  @Min(0)
  @Max(20)
  minGrade!: number;

  @ApiProperty({ example: 2, description: 'the last N appraisal months (ending at period.to) …' })
  @IsInt()
  @Min(0)
  @Max(12)
  consecutiveMonths!: number;

  @ApiProperty({
    enum: ['fail', 'pass', 'good', 'excellent', 'best'],
    description: '… each at least this band',
  })
  @IsIn(['fail', 'pass', 'good', 'excellent', 'best'])
  minBand!: 'fail' | 'pass' | 'good' | 'excellent' | 'best';

  @ApiProperty() @IsBoolean() noMajorIncident!: boolean;
}

export class CreateRoundRequestDto {
  @ApiProperty({ example: '2026 Q4 客服主管竞聘' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({
    type: PeriodRequestDto,
    description: 'training-call scores and CSAT are taken over these months',
  })
  @ValidateNested()
  @Type(() => PeriodRequestDto)
  period!: PeriodRequestDto;

  @ApiProperty({ type: EligibilityRequestDto })
  @ValidateNested()
  @Type(() => EligibilityRequestDto)
  eligibility!: EligibilityRequestDto;

  @ApiProperty({
    example: {
      writtenTest: 30,
      trainingCallScore: 25,
      csat: 20,
      attendance: 10,
      kpiAttainment: 15,
    },
    description: 'one weight per factor, summing to 100',
  })
  @IsObject()
  weights!: Record<string, unknown>;
}

export class PutCandidateRequestDto {
  @ApiProperty({ example: 2 }) @IsInt() @Min(0) @Max(20) grade!: number;

  @ApiPropertyOptional({ description: 'written test, 0–100' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  writtenTest?: number;

  @ApiPropertyOptional({ description: 'training attendance rate, 0–1' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  attendance?: number;

  @ApiPropertyOptional({
    description:
      'an override of the KPI attainment derived from the KPI events (0–100, above 100 counts as 100); leave it out to use the derived figure',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1000)
  kpiAttainment?: number;

  @ApiProperty() @IsBoolean() majorIncident!: boolean;
}

export class RankingQueryRequestDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?:
    'json' | 'csv';
}
