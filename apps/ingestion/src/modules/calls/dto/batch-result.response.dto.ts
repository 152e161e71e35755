import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'segments.3.endMs' }) path!: string;
  @ApiProperty() message!: string;
}

export class BatchItemResultDto {
  @ApiProperty({ description: 'position in the batch, from 0' }) index!: number;
  @ApiProperty({ nullable: true, type: String }) callId!: string | null;
  @ApiProperty({ enum: ['accepted', 'duplicate', 'rejected'] })
  status!: 'accepted' | 'duplicate' | 'rejected';
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
  @ApiPropertyOptional({ description: 'input line (NDJSON, CSV), from 1' }) line?: number;
}

export class BatchResultResponseDto {
  @ApiProperty() accepted!: number;
  @ApiProperty() duplicate!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ type: [BatchItemResultDto] }) results!: BatchItemResultDto[];
}
