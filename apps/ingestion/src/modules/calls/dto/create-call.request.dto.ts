import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CALL_PURPOSES,
  DISPOSITIONS,
  HANGUP_BY,
  type CallPurpose,
  type Disposition,
  type HangupBy,
} from '../calls.types';
import { ID_MESSAGE, ID_PATTERN as ID, IsCleanText, RFC3339, RFC3339_MESSAGE } from './text-rules';

export const MAX_SEGMENTS = 2000;
export const MAX_SEGMENT_TEXT = 5000;
/** A Q.850 cause name as PBXs spell it (NORMAL_CLEARING, USER_BUSY, NO_ANSWER…). */
export const HANGUP_CAUSE = /^[A-Z][A-Z0-9_]{0,63}$/;
const MAX_CALL_MS = 24 * 3600 * 1000;

export class SegmentRequestDto {
  @ApiProperty({ enum: ['agent', 'customer'] })
  @IsIn(['agent', 'customer'])
  speaker!: 'agent' | 'customer';

  @ApiProperty({ description: 'milliseconds from answeredAt' })
  @IsInt()
  @Min(0)
  @Max(MAX_CALL_MS)
  startMs!: number;

  @ApiProperty()
  @IsInt()
  @Min(0)
  @Max(MAX_CALL_MS)
  endMs!: number;

  @ApiProperty()
  @IsString()
  @MaxLength(MAX_SEGMENT_TEXT)
  @IsCleanText()
  text!: string;
}

export class CustomerRequestDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 -]{3,32}$/, { message: '$property must be a phone number' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(128)
  @IsCleanText()
  id?: string;

  @ApiPropertyOptional({ description: 'the caller name the PBX had (caller id name)' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  @IsCleanText()
  name?: string;
}

export class CreateCallRequestDto {
  @ApiProperty({ example: 'c-20261122-000123' })
  @IsString()
  @Matches(ID, { message: ID_MESSAGE })
  callId!: string;

  @ApiProperty({ example: 'acme' })
  @IsString()
  @Matches(ID, { message: ID_MESSAGE })
  tenantId!: string;

  @ApiProperty({ enum: ['inbound', 'outbound'] })
  @IsIn(['inbound', 'outbound'])
  direction!: 'inbound' | 'outbound';

  @ApiProperty({
    enum: CALL_PURPOSES,
    description: 'training: role play (模拟通话), scored but never counted in a KPI',
  })
  @IsIn(CALL_PURPOSES)
  purpose!: CallPurpose;

  @ApiProperty()
  @IsString()
  @Matches(ID, { message: ID_MESSAGE })
  agentId!: string;

  @ApiProperty()
  @IsString()
  @Matches(ID, { message: ID_MESSAGE })
  teamId!: string;

  @ApiPropertyOptional({ type: CustomerRequestDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CustomerRequestDto)
  customer?: CustomerRequestDto;

  @ApiProperty({ description: 'ringing began (RFC 3339)' })
  @Matches(RFC3339, { message: RFC3339_MESSAGE })
  @IsISO8601({ strict: true, strictSeparator: true })
  startedAt!: string;

  @ApiProperty({ nullable: true, type: String, description: 'null = abandoned (never answered)' })
  @ValidateIf((o: CreateCallRequestDto) => o.answeredAt !== null)
  @IsDefined({ message: 'answeredAt is required; send null for an abandoned call' })
  @Matches(RFC3339, { message: RFC3339_MESSAGE })
  @IsISO8601({ strict: true, strictSeparator: true })
  answeredAt!: string | null;

  @ApiProperty()
  @Matches(RFC3339, { message: RFC3339_MESSAGE })
  @IsISO8601({ strict: true, strictSeparator: true })
  endedAt!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  ringCount?: number;

  @ApiProperty({
    enum: HANGUP_BY,
    description: 'unknown: the source does not say (a PBX record), not the system',
  })
  @IsIn(HANGUP_BY)
  hangupBy!: HangupBy;

  @ApiPropertyOptional({
    enum: DISPOSITIONS,
    description: 'absent: answered when answeredAt is set, else no_answer',
  })
  @IsOptional()
  @IsIn(DISPOSITIONS)
  disposition?: Disposition;

  @ApiPropertyOptional({ example: 'NORMAL_CLEARING', description: 'Q.850 cause name' })
  @IsOptional()
  @IsString()
  @Matches(HANGUP_CAUSE, { message: '$property must be a cause name such as NORMAL_CLEARING' })
  hangupCause?: string;

  @ApiProperty({ type: [SegmentRequestDto] })
  @IsArray()
  @ArrayMaxSize(MAX_SEGMENTS)
  @ValidateNested({ each: true })
  @Type(() => SegmentRequestDto)
  segments!: SegmentRequestDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @IsCleanText()
  recordingUrl?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  csat?: number;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Matches(ID, { each: true, message: ID_MESSAGE })
  relatedCallIds?: string[];
}
