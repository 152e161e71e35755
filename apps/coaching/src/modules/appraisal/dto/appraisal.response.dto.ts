import { ApiProperty } from '@nestjs/swagger';

export class GoalResponseDto {
  @ApiProperty() text!: string;
  @ApiProperty() points!: number;
  @ApiProperty() done!: boolean;
}

export class PlanResponseDto {
  @ApiProperty() agentId!: string;
  @ApiProperty({ example: '2026-11-02' }) date!: string;
  @ApiProperty({ type: [GoalResponseDto] }) goals!: GoalResponseDto[];
  @ApiProperty({ description: 'the points of the goals done' }) points!: number;
  @ApiProperty() version!: number;
  @ApiProperty() updatedBy!: string;
  @ApiProperty() updatedAt!: string;
}

export class PlanListResponseDto {
  @ApiProperty({ type: [PlanResponseDto] }) items!: PlanResponseDto[];
}

export class AgentAppraisalResponseDto {
  @ApiProperty() agentId!: string;
  @ApiProperty({ description: "the team of the agent's latest call in the month ('' if none)" })
  teamId!: string;
  @ApiProperty() planPoints!: number;
  @ApiProperty({ description: '3 × working days' }) maxPlanPoints!: number;
  @ApiProperty({ description: 'working days with a plan' }) plannedDays!: number;
  @ApiProperty({ description: 'surveys of production calls answered' }) surveyed!: number;
  @ApiProperty({ description: 'of which 4 or 5 of 5' }) satisfied!: number;
  @ApiProperty({
    nullable: true,
    description: 'satisfied ÷ surveyed; null without surveys (then 0 points)',
  })
  satisfactionRate!: number | null;
  @ApiProperty({ description: '100 − 3 × working days' }) satisfactionWeight!: number;
  @ApiProperty() satisfactionPoints!: number;
  @ApiProperty() score!: number;
  @ApiProperty({ enum: ['best', 'excellent', 'good', 'pass', 'fail'] }) band!: string;
  @ApiProperty({ example: '良好' }) bandName!: string;
  @ApiProperty({
    nullable: true,
    description: '月度最佳员工, or 月度优秀员工 in a month without a 最佳',
  })
  title!: string | null;
  @ApiProperty({ nullable: true, enum: ['best', 'excellent', 'good', 'pass', 'fail'] })
  previousBand!: string | null;
  @ApiProperty({ description: '及格 this month and the month before' }) flagged!: boolean;
}

export class MonthAppraisalResponseDto {
  @ApiProperty({ example: '2026-10' }) month!: string;
  @ApiProperty({ description: "n: the month's working days by the tenant's calendar" })
  workingDays!: number;
  @ApiProperty({ type: [String] }) days!: string[];
  @ApiProperty() maxPlanPoints!: number;
  @ApiProperty() satisfactionWeight!: number;
  @ApiProperty({ description: 'someone in the tenant reached 最佳 this month' }) hasBest!: boolean;
  @ApiProperty({ type: [AgentAppraisalResponseDto] }) items!: AgentAppraisalResponseDto[];
}
