import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles } from '@qa/platform';
import {
  ListPlansRequestDto,
  MonthQueryRequestDto,
  PutPlanRequestDto,
} from './dto/appraisal.request.dto';
import {
  MonthAppraisalResponseDto,
  PlanListResponseDto,
  PlanResponseDto,
} from './dto/appraisal.response.dto';
import { AppraisalService } from './appraisal.service';

@ApiTags('appraisal')
@Controller('api/v1/appraisal')
export class AppraisalController {
  constructor(private readonly appraisal: AppraisalService) {}

  @Put('plans/:agentId/:date')
  @Roles('admin', 'lead', 'agent')
  @ApiOkResponse({
    type: PlanResponseDto,
    description: "the day's plan (TO计划), created or replaced",
  })
  @ApiProblems({
    400: 'bad input naming the field: goals (a day worth more than 3 points), goals.N.points, date (a future month, not a working day)',
    403: "an agent writing another agent's plan",
    409: 'stale expectedVersion',
  })
  putPlan(
    @CurrentIdentity() identity: Identity,
    @Param('agentId') agentId: string,
    @Param('date') date: string,
    @Body() body: PutPlanRequestDto,
  ) {
    return this.appraisal.putPlan(identity, agentId, date, body);
  }

  @Get('plans')
  @ApiOkResponse({ type: PlanListResponseDto })
  @ApiProblems({ 400: 'bad month', 403: "an agent asking for another agent's plans" })
  plans(@CurrentIdentity() identity: Identity, @Query() q: ListPlansRequestDto) {
    return this.appraisal.plans(identity, q);
  }

  @Get('months/:month')
  @ApiOkResponse({
    type: MonthAppraisalResponseDto,
    description: 'every agent’s month (seed 002), best first',
  })
  @ApiProblems({
    400: 'month not YYYY-MM, or in the future',
    403: "an agent asking for another agent's",
  })
  month(
    @CurrentIdentity() identity: Identity,
    @Param('month') month: string,
    @Query() q: MonthQueryRequestDto,
  ) {
    return this.appraisal.month(identity, month, q);
  }
}
