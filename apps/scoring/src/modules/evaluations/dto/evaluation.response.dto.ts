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
  @ApiProperty({
    enum: ['pass', 'fail', 'not_applicable'],
    description: 'after human review (the engine outcome when nobody changed it)',
  })
  outcome!: 'pass' | 'fail' | 'not_applicable';
  @ApiProperty({ enum: ['pass', 'fail', 'not_applicable'], description: "the engine's outcome" })
  automaticOutcome!: 'pass' | 'fail' | 'not_applicable';
  @ApiPropertyOptional({ description: 'why a person overrode the engine' })
  overrideReason?: string;
  @ApiProperty({ description: 'the scorecard marks the item needsHumanReview' })
  needsHumanReview!: boolean;
  @ApiProperty({
    description: 'an unconfirmed fail of a needs-human-review item: not in the score',
  })
  heldForReview!: boolean;
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
  @ApiProperty({ description: 'the reviewed score (held-out items left out)' }) score!: number;
  @ApiProperty() grade!: string;
  @ApiProperty({ description: "the engine's score, kept after review" }) autoScore!: number;
  @ApiProperty() autoGrade!: string;
  @ApiProperty() scorecardId!: string;
  @ApiProperty() scorecardVersion!: number;
  @ApiProperty({ enum: ['auto', 'in_review', 'final'] }) status!: string;
  @ApiProperty({ description: 'expectedVersion for the next review' }) version!: number;
  @ApiProperty({ type: [String] }) failedRules!: string[];
  @ApiProperty({ type: String, nullable: true, description: 'when the agent could first see it' })
  releasedAt!: string | null;
}

export class ManualAnswerResponseDto {
  @ApiProperty() itemId!: string;
  @ApiProperty() question!: string;
  @ApiProperty({ enum: ['pass', 'fail', 'not_applicable'] }) outcome!: string;
  @ApiPropertyOptional() comment?: string;
}

export class EvaluationResponseDto extends EvaluationSummaryResponseDto {
  @ApiProperty({ type: [SectionScoreResponseDto] }) sections!: SectionScoreResponseDto[];
  @ApiProperty({ type: [FindingResponseDto] }) findings!: FindingResponseDto[];
  @ApiProperty({ type: [String] }) pendingManualItems!: string[];
  @ApiProperty({ type: [ManualAnswerResponseDto] }) manualAnswers!: ManualAnswerResponseDto[];
  @ApiPropertyOptional() reviewComment?: string;
  @ApiProperty({ type: String, nullable: true }) finalizedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) finalizedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) acknowledgedAt!: string | null;
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
