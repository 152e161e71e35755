import { ApiProperty } from '@nestjs/swagger';

export class CalibrationCallResponseDto {
  @ApiProperty() callId!: string;
  @ApiProperty() evaluationId!: string;
  @ApiProperty({ type: [String], description: 'the items each participant answers' })
  itemIds!: string[];
}

export class CalibrationResponseDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty({ type: [String] }) callIds!: string[];
  @ApiProperty({ type: [CalibrationCallResponseDto] }) calls!: CalibrationCallResponseDto[];
  @ApiProperty({ type: [String] }) evaluators!: string[];
  @ApiProperty() expert!: string;
  @ApiProperty({ type: [String], description: 'who has submitted (never what)' })
  submitted!: string[];
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
}

export class CalibrationListResponseDto {
  @ApiProperty({ type: [CalibrationResponseDto] }) items!: CalibrationResponseDto[];
}

export class ItemAgreementResponseDto {
  @ApiProperty() itemId!: string;
  @ApiProperty() answers!: number;
  @ApiProperty() agreeing!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'agreeing ÷ answers' })
  agreement!: number | null;
}

export class CallDeviationResponseDto {
  @ApiProperty() callId!: string;
  @ApiProperty() score!: number;
  @ApiProperty() benchmark!: number;
  @ApiProperty() deviation!: number;
}

export class EvaluatorItemResponseDto {
  @ApiProperty() itemId!: string;
  @ApiProperty() agreeing!: number;
  @ApiProperty() disagreeing!: number;
  @ApiProperty() stricter!: number;
  @ApiProperty() lenient!: number;
}

export class EvaluatorDeviationResponseDto {
  @ApiProperty() evaluator!: string;
  @ApiProperty({ type: [CallDeviationResponseDto] }) scores!: CallDeviationResponseDto[];
  @ApiProperty({ description: 'mean score − benchmark' }) deviation!: number;
  @ApiProperty() absoluteDeviation!: number;
  @ApiProperty({ nullable: true, type: Number }) itemAgreement!: number | null;
  @ApiProperty({ type: [EvaluatorItemResponseDto] }) items!: EvaluatorItemResponseDto[];
  @ApiProperty({ enum: ['strict', 'lenient', 'aligned'] }) tendency!: string;
}

export class BenchmarkResponseDto {
  @ApiProperty() callId!: string;
  @ApiProperty() score!: number;
}

export class CalibrationReportResponseDto {
  @ApiProperty() sessionId!: string;
  @ApiProperty() expert!: string;
  @ApiProperty({ description: 'points of mean deviation that make strict or lenient' })
  tendencyThreshold!: number;
  @ApiProperty({ type: [BenchmarkResponseDto] }) benchmark!: BenchmarkResponseDto[];
  @ApiProperty({ type: [ItemAgreementResponseDto] }) items!: ItemAgreementResponseDto[];
  @ApiProperty({ type: [EvaluatorDeviationResponseDto] })
  evaluators!: EvaluatorDeviationResponseDto[];
}

export class CalibrationSubmittedResponseDto {
  @ApiProperty() calibrationId!: string;
  @ApiProperty() participant!: string;
  @ApiProperty() submittedAt!: string;
  @ApiProperty({ enum: ['open', 'closed'], description: 'closed once everyone is in' })
  status!: 'open' | 'closed';
}
