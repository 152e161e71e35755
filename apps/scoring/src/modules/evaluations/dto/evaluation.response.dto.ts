import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EvidenceResponseDto {
  @ApiProperty({ description: 'index into the call segments' }) segment!: number;
  @ApiProperty({ description: 'character offset, inclusive' }) start!: number;
  @ApiProperty({ description: 'character offset, exclusive' }) end!: number;
  @ApiProperty() text!: string;
}

export class FindingResponseDto {
  @ApiProperty() ruleId!: string;
  @ApiProperty() itemId!: string;
  @ApiProperty() section!: string;
  @ApiProperty({ enum: ['pass', 'fail', 'not_applicable'] }) outcome!:
    'pass' | 'fail' | 'not_applicable';
  @ApiProperty() critical!: boolean;
  @ApiProperty({ type: [EvidenceResponseDto] }) evidence!: EvidenceResponseDto[];
}

export class SectionScoreResponseDto {
  @ApiProperty() sectionId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() weight!: number;
  @ApiProperty() score!: number;
}

export class EvaluationSummaryResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() callId!: string;
  @ApiProperty() agentId!: string;
  @ApiProperty() teamId!: string;
  @ApiProperty() callStartedAt!: string;
  @ApiProperty() score!: number;
  @ApiProperty() grade!: string;
  @ApiProperty() scorecardId!: string;
  @ApiProperty() scorecardVersion!: number;
  @ApiProperty({ enum: ['auto', 'reviewed', 'final'] }) status!: string;
  @ApiProperty({ type: [String] }) failedRules!: string[];
}

export class EvaluationResponseDto extends EvaluationSummaryResponseDto {
  @ApiProperty({ type: [SectionScoreResponseDto] }) sections!: SectionScoreResponseDto[];
  @ApiProperty({ type: [FindingResponseDto] }) findings!: FindingResponseDto[];
  @ApiProperty({ type: [String] }) pendingManualItems!: string[];
  @ApiPropertyOptional() complaint?: {
    detected: boolean;
    reason?: string;
    evidence: EvidenceResponseDto[];
  };
  @ApiProperty() createdAt!: string;
}

export class EvaluationPageResponseDto {
  @ApiProperty({ type: [EvaluationSummaryResponseDto] }) items!: EvaluationSummaryResponseDto[];
  @ApiPropertyOptional({ nullable: true }) nextCursor!: string | null;
}
