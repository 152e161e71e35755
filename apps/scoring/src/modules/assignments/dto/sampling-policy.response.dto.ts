import { ApiProperty } from '@nestjs/swagger';
import { SAMPLING_PERIODS, SamplingPeriod } from '../sampling-period';

export class SamplingPolicyResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() version!: number;
  @ApiProperty() active!: boolean;
  @ApiProperty() share!: number;
  @ApiProperty({ enum: SAMPLING_PERIODS }) period!: SamplingPeriod;
  @ApiProperty() minimumPerAgent!: number;
  @ApiProperty() criticalFail!: boolean;
  @ApiProperty() complaints!: boolean;
  @ApiProperty() needsHumanReview!: boolean;
  @ApiProperty({ type: [String] }) reviewers!: string[];
  @ApiProperty() dueHours!: number;
  @ApiProperty() timezone!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
}

export class SamplingPolicyListResponseDto {
  @ApiProperty({ type: [SamplingPolicyResponseDto] }) items!: SamplingPolicyResponseDto[];
}
