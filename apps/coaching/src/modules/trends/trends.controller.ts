import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity } from '@qa/platform';
import { TrendQueryRequestDto } from './dto/trend.request.dto';
import { AgentTrendResponseDto } from './dto/trend.response.dto';
import { TrendsService } from './trends.service';

@ApiTags('coaching')
@Controller('api/v1/coaching/agents')
export class TrendsController {
  constructor(private readonly trends: TrendsService) {}

  @Get(':agentId/trend')
  @ApiOkResponse({
    type: AgentTrendResponseDto,
    description:
      'the pass rate per rule per local week or month; agents their own, a lead with a team the calls taken in that team',
  })
  @ApiProblems({ 400: 'bad from, to or bucket, naming each', 403: "another agent's trend" })
  trend(
    @CurrentIdentity() identity: Identity,
    @Param('agentId') agentId: string,
    @Query() q: TrendQueryRequestDto,
  ) {
    return this.trends.agentTrend(identity, agentId, q);
  }
}
