import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';

export class AgreementRequestDto {
  @ApiProperty({ description: 'ISO time; a bare date is that day from 00:00 UTC' })
  @IsISO8601()
  from!: string;

  @ApiProperty({ description: 'ISO time, exclusive; a bare date includes that whole day (UTC)' })
  @IsISO8601()
  to!: string;
}
