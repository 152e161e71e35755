import { ApiProperty } from '@nestjs/swagger';

export class TrendTotalDto {
  @ApiProperty() passed!: number;
  @ApiProperty({ description: 'evaluations where the rule applied (passed or failed)' })
  applicable!: number;
  @ApiProperty({ nullable: true, description: 'passed ÷ applicable' }) rate!: number | null;
}

export class TrendPointDto extends TrendTotalDto {
  @ApiProperty({ example: '2026-11-02', description: "the bucket's first local day" })
  bucketStart!: string;
}

export class RuleTrendDto {
  @ApiProperty() ruleId!: string;
  @ApiProperty({ type: TrendTotalDto }) total!: TrendTotalDto;
  @ApiProperty({ type: [TrendPointDto], description: 'every bucket of the range, oldest first' })
  points!: TrendPointDto[];
}

export class AgentTrendResponseDto {
  @ApiProperty() agentId!: string;
  @ApiProperty({ enum: ['week', 'month'] }) bucket!: string;
  @ApiProperty({ example: '2026-09-08' }) from!: string;
  @ApiProperty({ example: '2026-11-30' }) to!: string;
  @ApiProperty({ description: "the tenant's offset the local days are counted in" })
  utcOffsetMinutes!: number;
  @ApiProperty({ type: [String], description: 'bucket starts, oldest first' }) buckets!: string[];
  @ApiProperty({ type: [RuleTrendDto], description: 'the worst rule first' })
  rules!: RuleTrendDto[];
}
