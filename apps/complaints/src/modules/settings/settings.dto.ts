import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class SlaRuleDto {
  @ApiProperty({ enum: ['business_hours', 'working_days', 'calendar', 'same_working_day'] })
  basis!: string;
  @ApiPropertyOptional({ description: 'counted minutes (a working day counts 1440)' })
  minutes?: number;
}

class SlaPolicyDto {
  @ApiProperty({ type: SlaRuleDto, description: '受理: the first response' }) accept!: SlaRuleDto;
  @ApiProperty({ type: SlaRuleDto, description: 'the promised reply' }) reply!: SlaRuleDto;
  @ApiProperty({ type: SlaRuleDto, description: 'the follow-up callback (回访)' })
  callback!: SlaRuleDto;
}

class CallbackRetryDto {
  @ApiProperty({ minimum: 1, maximum: 10 }) attempts!: number;
  @ApiProperty({ description: 'working minutes between attempts' }) delayMinutes!: number;
}

class WorkingPeriodDto {
  @ApiProperty({ example: '09:00' }) start!: string;
  @ApiProperty({ example: '12:00' }) end!: string;
}

class CalendarDto {
  @ApiProperty({ example: 480 }) utcOffsetMinutes!: number;
  @ApiProperty({ type: [WorkingPeriodDto] }) periods!: WorkingPeriodDto[];
  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5] }) weekdays!: number[];
  @ApiProperty({ enum: ['cn', 'none'], description: 'cn: Chinese public holidays and 调休' })
  holidaySource!: string;
  @ApiProperty({ type: [String], description: 'own days off, YYYY-MM-DD' }) holidays!: string[];
  @ApiProperty({ type: [String], description: 'own extra working days' }) workdays!: string[];
}

export class SettingsResponseDto {
  @ApiProperty({ enum: ['standard', 'financial', '12315', 'custom'] }) preset!: string;
  @ApiProperty({ type: SlaPolicyDto }) sla!: SlaPolicyDto;
  @ApiProperty({ type: CallbackRetryDto }) callbackRetry!: CallbackRetryDto;
  @ApiProperty({ type: CalendarDto }) calendar!: CalendarDto;
  @ApiProperty({ description: '0 while on the defaults' }) version!: number;
}
