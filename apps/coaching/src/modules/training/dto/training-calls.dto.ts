import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { PageRequestDto } from '@qa/platform';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { LocalRangeRequestDto } from '../../trends/dto/trend.request.dto';

export class TrainingCallsQueryRequestDto extends IntersectionType(
  PageRequestDto,
  LocalRangeRequestDto,
) {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) agentId?: string;
}

export class TrainingCallDto {
  @ApiProperty({ description: 'the evaluation to open: GET /api/v1/evaluations/:id' })
  evaluationId!: string;
  @ApiProperty() callId!: string;
  @ApiProperty() agentId!: string;
  @ApiProperty() teamId!: string;
  @ApiProperty() callStartedAt!: string;
  @ApiProperty({ description: "the score (a reviewer's when reviewed)" }) score!: number;
  @ApiProperty({ description: "the engine's score" }) autoScore!: number;
  @ApiProperty({ nullable: true }) reviewedAt!: string | null;
}

export class TrainingCallPageResponseDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [TrainingCallDto], description: 'newest first' }) items!: TrainingCallDto[];
  @ApiProperty({ nullable: true }) nextCursor!: string | null;
}
