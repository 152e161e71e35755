import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CALL_PURPOSES, type CallPurpose } from '@qa/qa-rules';
import { DISPOSITIONS, HANGUP_BY, type Disposition, type HangupBy } from '../calls.types';

export class SegmentResponseDto {
  @ApiProperty({ enum: ['agent', 'customer'] }) speaker!: 'agent' | 'customer';
  @ApiProperty({ description: 'milliseconds from answeredAt' }) startMs!: number;
  @ApiProperty() endMs!: number;
  @ApiProperty({ description: 'masked unless the caller may see personal numbers' })
  text!: string;
}

export class CustomerResponseDto {
  @ApiPropertyOptional() phone?: string;
  @ApiPropertyOptional() id?: string;
  @ApiPropertyOptional({ description: 'caller name; masked (张**) without PII permission' })
  name?: string;
}

/** A stored call; personal numbers masked for roles without PII permission (piiMasked). */
export class CallResponseDto {
  @ApiProperty() callId!: string;
  @ApiProperty() tenantId!: string;
  @ApiProperty({ enum: ['inbound', 'outbound'] }) direction!: 'inbound' | 'outbound';
  @ApiProperty({ enum: CALL_PURPOSES }) purpose!: CallPurpose;
  @ApiProperty() agentId!: string;
  @ApiProperty() teamId!: string;
  @ApiPropertyOptional({ type: CustomerResponseDto }) customer?: CustomerResponseDto;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ nullable: true, type: String }) answeredAt!: string | null;
  @ApiProperty() endedAt!: string;
  @ApiProperty({ description: 'as sent, or derived from ringing time and seconds per ring' })
  ringCount!: number;
  @ApiProperty() ringCountDerived!: boolean;
  @ApiProperty({ enum: HANGUP_BY, description: 'unknown: the source did not say' })
  hangupBy!: HangupBy;
  @ApiProperty({ enum: DISPOSITIONS, description: 'as sent, else from answeredAt' })
  disposition!: Disposition;
  @ApiPropertyOptional({ example: 'NORMAL_CLEARING' }) hangupCause?: string;
  @ApiProperty({ type: [SegmentResponseDto] }) segments!: SegmentResponseDto[];
  @ApiPropertyOptional() recordingUrl?: string;
  @ApiPropertyOptional() csat?: number;
  @ApiProperty({ type: [String] }) relatedCallIds!: string[];
  @ApiProperty() piiMasked!: boolean;
  @ApiProperty() ingestedAt!: string;
}

export class CallPageResponseDto {
  @ApiProperty({ type: [CallResponseDto] }) items!: CallResponseDto[];
  @ApiProperty({ nullable: true, type: String, description: 'opaque; pass back as ?cursor=' })
  nextCursor!: string | null;
}
