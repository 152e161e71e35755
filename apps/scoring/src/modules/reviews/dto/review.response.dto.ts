import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HistoryChangeResponseDto {
  @ApiPropertyOptional() ruleId?: string;
  @ApiProperty() itemId!: string;
  @ApiProperty({ description: "pass|fail|not_applicable, or 'held' / 'pending'" }) before!: string;
  @ApiProperty() after!: string;
  @ApiPropertyOptional({
    description: "why this item changed: an override's reason, an answer's or a dispute comment",
  })
  reason?: string;
}

export class HistoryEntryResponseDto {
  @ApiProperty() at!: string;
  @ApiProperty({ description: "the user (username), or 'engine'" }) by!: string;
  @ApiProperty() role!: string;
  @ApiProperty({
    enum: [
      'scored',
      'reviewed',
      'finalized',
      'released',
      'acknowledged',
      'disputed',
      'dispute_decided',
    ],
  })
  action!: string;
  @ApiProperty({ type: [HistoryChangeResponseDto] }) changes!: HistoryChangeResponseDto[];
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: Number, nullable: true }) scoreBefore!: number | null;
  @ApiProperty({ type: Number, nullable: true }) scoreAfter!: number | null;
  @ApiPropertyOptional() disputeId?: string;
}

export class HistoryResponseDto {
  @ApiProperty({ type: [HistoryEntryResponseDto] }) items!: HistoryEntryResponseDto[];
}

export class DisputeItemResponseDto {
  @ApiPropertyOptional() ruleId?: string;
  @ApiProperty() itemId!: string;
  @ApiProperty() comment!: string;
}

export class DecidedItemResponseDto {
  @ApiPropertyOptional() ruleId?: string;
  @ApiProperty() itemId!: string;
  @ApiProperty() outcome!: string;
  @ApiPropertyOptional() comment?: string;
}

export class DisputeResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() evaluationId!: string;
  @ApiProperty() agentId!: string;
  @ApiProperty({ enum: ['open', 'upheld', 'partly_accepted', 'amended'] }) status!: string;
  @ApiProperty({ type: [DisputeItemResponseDto] }) items!: DisputeItemResponseDto[];
  @ApiProperty() openedBy!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty({ type: String, nullable: true }) decidedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionComment!: string | null;
  @ApiProperty({ type: [DecidedItemResponseDto] }) decisionItems!: DecidedItemResponseDto[];
}

export class DisputePageResponseDto {
  @ApiProperty({ type: [DisputeResponseDto] }) items!: DisputeResponseDto[];
  @ApiPropertyOptional({ nullable: true }) nextCursor!: string | null;
}

export class ReviewSettingsResponseDto {
  @ApiProperty() disputeWindowDays!: number;
  @ApiProperty() maxDisputes!: number;
}
