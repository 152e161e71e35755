import { ApiProperty } from '@nestjs/swagger';

export class ThresholdDto {
  @ApiProperty({ example: 3, description: 'N: fails of the same rule …' }) failures!: number;
  @ApiProperty({ example: 10, description: "… within the agent's last M evaluations" })
  window!: number;
}

export class CoachingSettingsResponseDto {
  @ApiProperty({ type: ThresholdDto }) threshold!: ThresholdDto;
  @ApiProperty({
    description:
      'The business calendar whose working days the monthly appraisal counts (utcOffsetMinutes, periods, weekdays, holidaySource cn|none, holidays, workdays)',
  })
  calendar!: Record<string, unknown>;
  @ApiProperty({ description: '0 while the tenant runs on the defaults' }) version!: number;
}
