import { ApiProperty } from '@nestjs/swagger';
import { SAMPLING_REASONS, SamplingReason } from '../sampling';

export class ReassignmentResponseDto {
  @ApiProperty() at!: string;
  @ApiProperty() by!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
}

export class ReviewAssignmentResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() evaluationId!: string;
  @ApiProperty() callId!: string;
  @ApiProperty() agentId!: string;
  @ApiProperty() policyId!: string;
  @ApiProperty({ enum: SAMPLING_REASONS, isArray: true }) reasons!: SamplingReason[];
  @ApiProperty() assignee!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty() assignedAt!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'the evaluation’s status (auto, in_review …)' })
  evaluationStatus!: string;
  @ApiProperty() score!: number;
  @ApiProperty() grade!: string;
  @ApiProperty({ type: [ReassignmentResponseDto] }) reassignments!: ReassignmentResponseDto[];
}

export class ReviewQueuePageResponseDto {
  @ApiProperty({ type: [ReviewAssignmentResponseDto] }) items!: ReviewAssignmentResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
