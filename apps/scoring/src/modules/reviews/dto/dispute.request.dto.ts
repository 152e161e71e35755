import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { PageRequestDto } from '@qa/platform';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { Outcome } from '@qa/qa-rules';
import { OUTCOMES } from './review.request.dto';

export class DisputeItemRequestDto {
  @ApiPropertyOptional({ description: 'a finding; or give itemId' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  ruleId?: string;

  @ApiPropertyOptional({ description: 'an item (manual, or a finding by item)' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  itemId?: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) comment!: string;
}

export class CreateDisputeRequestDto {
  @ApiProperty({ type: [DisputeItemRequestDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => DisputeItemRequestDto)
  items!: DisputeItemRequestDto[];
}

export class DecisionItemRequestDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) ruleId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) itemId?: string;

  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome!: Outcome;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export const DECISIONS = ['upheld', 'partly_accepted', 'amended'] as const;

export class DisputeDecisionRequestDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  decision!: (typeof DECISIONS)[number];

  @ApiPropertyOptional({
    type: [DecisionItemRequestDto],
    description: 'partly_accepted: disputed items only; amended: any item; upheld: none',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => DecisionItemRequestDto)
  items?: DecisionItemRequestDto[];

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(4000) comment!: string;
}

export class ReviewSettingsRequestDto {
  @ApiProperty({ description: 'days after release an agent may dispute', default: 7 })
  @IsInt()
  @Min(0)
  @Max(365)
  disputeWindowDays!: number;

  @ApiProperty({ description: 'disputes allowed per evaluation', default: 1 })
  @IsInt()
  @Min(0)
  @Max(20)
  maxDisputes!: number;
}

/** One page of at most `limit` disputes: this list has no cursor. */
export class ListDisputesRequestDto extends PickType(PageRequestDto, ['limit'] as const) {
  @ApiPropertyOptional() @IsOptional() @IsUUID() evaluationId?: string;

  @ApiPropertyOptional({ enum: ['open', ...DECISIONS] })
  @IsOptional()
  @IsIn(['open', ...DECISIONS])
  status?: string;
}
