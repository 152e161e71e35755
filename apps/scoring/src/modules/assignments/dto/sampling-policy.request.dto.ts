import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { SAMPLING_PERIODS, SamplingPeriod } from '../sampling-period';

export class SamplingPolicyRequestDto {
  @ApiProperty({ description: 'unique per tenant; posting an existing name makes a new version' })
  @IsString()
  @Matches(/^[\p{L}\p{N} ._-]{1,64}$/u, { message: 'name is 1–64 letters, digits, spaces, . _ -' })
  name!: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 1,
    default: 0,
    description: 'share of each agent’s calls per period',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  share?: number;

  @ApiPropertyOptional({ enum: SAMPLING_PERIODS, default: 'week' })
  @IsOptional()
  @IsIn(SAMPLING_PERIODS)
  period?: SamplingPeriod;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  minimumPerAgent?: number;

  @ApiPropertyOptional({ default: true, description: 'every call with a failed critical item' })
  @IsOptional()
  @IsBoolean()
  criticalFail?: boolean;

  @ApiPropertyOptional({ default: true, description: 'every complaint call (keyword or purpose)' })
  @IsOptional()
  @IsBoolean()
  complaints?: boolean;

  @ApiPropertyOptional({
    default: true,
    description: 'every call failing an item marked needsHumanReview on its scorecard',
  })
  @IsOptional()
  @IsBoolean()
  needsHumanReview?: boolean;

  @ApiProperty({ type: [String], description: 'usernames of the QA staff, assigned round-robin' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  @Matches(/^\S+$/, { each: true, message: 'each reviewer is a username' })
  reviewers!: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 720, default: 48 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(720)
  dueHours?: number;

  @ApiPropertyOptional({ default: 'Asia/Shanghai', description: 'IANA zone the periods follow' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional({ default: true, description: 'false retires the policy' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
