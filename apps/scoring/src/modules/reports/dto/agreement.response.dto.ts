import { ApiProperty } from '@nestjs/swagger';

export class RuleAgreementResponseDto {
  @ApiProperty() ruleId!: string;
  @ApiProperty({ description: 'automatic findings people decided on' }) reviewed!: number;
  @ApiProperty({ description: 'kept as the engine said' }) confirmed!: number;
  @ApiProperty({ description: 'changed by a person' }) overridden!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'engine fails kept as fails ÷ engine fails; null without engine fails',
  })
  precisionOfFails!: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Cohen’s kappa, engine vs person on pass/fail; null when undefined',
  })
  kappa!: number | null;
}

export class WeekAgreementResponseDto {
  @ApiProperty({ description: 'Monday (UTC) of the week the decisions were made' }) week!: string;
  @ApiProperty({ type: [RuleAgreementResponseDto] }) items!: RuleAgreementResponseDto[];
}

export class AgreementResponseDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [RuleAgreementResponseDto] }) items!: RuleAgreementResponseDto[];
  @ApiProperty({ type: [WeekAgreementResponseDto] }) byWeek!: WeekAgreementResponseDto[];
}
