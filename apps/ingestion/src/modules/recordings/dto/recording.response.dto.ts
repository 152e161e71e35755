import { ApiProperty } from '@nestjs/swagger';

export class RecordingResponseDto {
  @ApiProperty() callId!: string;
  @ApiProperty({ example: 'audio/wav' }) contentType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty({ description: 'hex sha256 of the stored file; also the ETag' }) sha256!: string;
}
