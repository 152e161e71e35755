import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EvidenceMeasureResponseDto {
  @ApiProperty({
    enum: ['answerSeconds', 'ringCount', 'hangupBy', 'silenceSeconds', 'interruptions'],
  })
  name!: string;
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string' }], example: 5 })
  value!: number | string;
  @ApiPropertyOptional({ description: "the rule's limit the value was held against" })
  limit?: number;
}

export class EvidenceResponseDto {
  @ApiProperty({
    enum: ['trigger', 'match', 'missing'],
    description:
      'trigger: what made the rule apply (the customer complaint, a silence, a late answer) — ' +
      "context, not the agent's failure; match: what the rule looked for and found (on a failure, " +
      'the offending words); missing: where something required was not said',
  })
  role!: 'trigger' | 'match' | 'missing';
  @ApiProperty({ description: 'index into the call segments; -1 for a measurement of the call' })
  segment!: number;
  @ApiProperty({ description: 'character offset, inclusive' }) start!: number;
  @ApiProperty({ description: 'character offset, exclusive' }) end!: number;
  @ApiProperty({ description: 'the span of the segment, or the measurement in words' })
  text!: string;
  @ApiPropertyOptional({
    type: EvidenceMeasureResponseDto,
    description: 'what a timing rule measured (answer time, rings, silence, who hung up)',
  })
  measure?: EvidenceMeasureResponseDto;
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
