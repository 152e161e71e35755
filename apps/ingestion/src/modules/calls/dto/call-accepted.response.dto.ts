import { ApiProperty } from '@nestjs/swagger';

export class CallAcceptedResponseDto {
  @ApiProperty()
  callId!: string;

  @ApiProperty({ enum: ['accepted', 'duplicate'] })
  status!: 'accepted' | 'duplicate';
}
