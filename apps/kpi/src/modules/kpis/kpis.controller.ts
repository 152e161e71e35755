import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles, tenantOf, TraceId } from '@qa/platform';
import { KpisService } from './kpis.service';

@ApiTags('kpis')
@Controller('api/v1/kpis')
export class KpisController {
  constructor(private readonly kpis: KpisService) {}

  @Get()
  @ApiQuery({ name: 'scope', required: false, enum: ['tenant', 'team', 'agent'] })
  @ApiQuery({ name: 'id', required: false })
  @ApiQuery({ name: 'window', required: false, enum: ['minute', 'hour', 'day', 'month'] })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601, inclusive' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601, exclusive' })
  @ApiQuery({ name: 'kpis', required: false, description: 'comma-separated KPI ids' })
  @ApiOkResponse({
    description:
      '{scope, id, window, series: [{bucketStart, values, onTarget}], totals, targets, onTarget}',
  })
  @ApiProblems({
    400: 'a bad query parameter, named',
    403: 'the role may not see that scope (an agent asking for another agent)',
    404: 'no tenant (the platform admin)',
  })
  series(@CurrentIdentity() identity: Identity, @Query() query: Record<string, unknown>) {
    return this.kpis.series(identity, query);
  }

  @Get('definitions')
  @ApiOkResponse({
    description: 'every KPI: id, zh/en name, formula in words, unit, better up|down',
  })
  definitions() {
    return this.kpis.definitions();
  }

  @Get('targets')
  @ApiOkResponse({ description: '{targets: {kpiId: value}}' })
  @ApiProblems({ 404: 'no tenant (the platform admin)' })
  async targets(@CurrentIdentity() identity: Identity) {
    return { targets: await this.kpis.targets(tenantOf(identity)) };
  }

  @Put('targets')
  @Roles('admin')
  @ApiBody({ schema: { example: { targets: { complaintResolutionRate: 0.95, csatAvg: 4.5 } } } })
  @ApiOkResponse({ description: '{targets: {kpiId: value}}' })
  @ApiProblems({
    400: 'an unknown KPI or a bad value, named',
    404: 'no tenant (the platform admin)',
  })
  setTargets(
    @CurrentIdentity() identity: Identity,
    @Body() body: unknown,
    @TraceId() traceId: string,
  ) {
    return this.kpis.setTargets(identity, body, traceId);
  }

  @Get('agents')
  @ApiQuery({ name: 'teamId', required: false })
  @ApiQuery({ name: 'month', required: false, description: 'YYYY-MM, default this month' })
  @ApiOkResponse({ description: "each agent's KPIs for the month" })
  @ApiProblems({
    400: 'a bad query parameter, named',
    403: 'the role may not see that scope (an agent asking for another agent)',
    404: 'no tenant (the platform admin)',
  })
  agents(@CurrentIdentity() identity: Identity, @Query() query: Record<string, unknown>) {
    return this.kpis.agents(identity, query);
  }
}
