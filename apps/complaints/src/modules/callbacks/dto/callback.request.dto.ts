import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CALLBACK_OUTCOMES, CallbackOutcome } from '../callback.entity';

/** One 回访记录. */
export class RecordCallbackRequestDto {
  @ApiProperty({ enum: CALLBACK_OUTCOMES }) @IsIn(CALLBACK_OUTCOMES) outcome!: CallbackOutcome;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  satisfaction?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(4000) notes?: string;
  @ApiPropertyOptional({ description: 'the outbound callback call' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  callId?: string;

  @ApiPropertyOptional({ description: 'false: the customer says the problem remains (reopens)' })
  @IsOptional()
  @IsBoolean()
  problemSolved?: boolean;
}
