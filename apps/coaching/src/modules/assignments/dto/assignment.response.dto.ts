import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ThresholdDto } from '../../settings/settings.dto';

export class EvidenceSpanDto {
  @ApiProperty({ description: 'index into the call segments' }) segment!: number;
  @ApiProperty({ description: 'character offset, inclusive' }) start!: number;
  @ApiProperty({ description: 'character offset, exclusive' }) end!: number;
  @ApiProperty() text!: string;
}

export class QuotedEvaluationDto {
  @ApiProperty() evaluationId!: string;
  @ApiProperty() callId!: string;
  @ApiProperty() callStartedAt!: string;
  @ApiProperty({ enum: ['pass', 'fail', 'not_applicable'], nullable: true }) outcome!:
    string | null;
  @ApiProperty({ type: [EvidenceSpanDto] }) evidence!: EvidenceSpanDto[];
  @ApiPropertyOptional({ description: "a reviewer's reason when the fail is theirs" })
  reason?: string;
}

export class SessionDto {
  @ApiProperty() heldAt!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() notes!: string;
  @ApiProperty({ type: [String] }) actions!: string[];
  @ApiProperty() dueDate!: string;
}

export class PassRateDto {
  @ApiProperty() passed!: number;
  @ApiProperty({ description: 'evaluations where the rule applied' }) applicable!: number;
  @ApiProperty({ nullable: true, description: 'passed ÷ applicable' }) rate!: number | null;
  @ApiProperty({ nullable: true }) from!: string | null;
  @ApiProperty({ nullable: true }) to!: string | null;
}

export class PassRatesDto {
  @ApiProperty({ description: 'the session, or the opening while no session is recorded' })
  pivot!: string;
  @ApiProperty({
    type: PassRateDto,
    description: 'the last M applicable evaluations before the pivot',
  })
  before!: PassRateDto;
  @ApiProperty({ type: PassRateDto, description: 'every applicable evaluation since' })
  after!: PassRateDto;
}

export class AssignmentResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() agentId!: string;
  @ApiProperty() teamId!: string;
  @ApiProperty() ruleId!: string;
  @ApiProperty({ enum: ['auto', 'manual'] }) origin!: string;
  @ApiProperty({ enum: ['open', 'session_recorded', 'closed'] }) status!: string;
  @ApiProperty() version!: number;
  @ApiProperty() openedAt!: string;
  @ApiProperty() openedBy!: string;
  @ApiProperty({ nullable: true }) note!: string | null;
  @ApiProperty({ type: ThresholdDto }) threshold!: ThresholdDto;
  @ApiProperty({ type: [QuotedEvaluationDto] }) evidence!: QuotedEvaluationDto[];
  @ApiProperty({ type: SessionDto, nullable: true }) session!: SessionDto | null;
  @ApiProperty({ nullable: true }) closedAt!: string | null;
  @ApiPropertyOptional({ type: PassRatesDto, description: 'on GET of one assignment' })
  passRate?: PassRatesDto;
}

export class AssignmentPageResponseDto {
  @ApiProperty({ type: [AssignmentResponseDto] }) items!: AssignmentResponseDto[];
  @ApiProperty({ nullable: true }) nextCursor!: string | null;
}
