import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Identity, Roles, tenantOf } from '@qa/platform';
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
  async targets(@CurrentIdentity() identity: Identity) {
    return { targets: await this.kpis.targets(tenantOf(identity)) };
  }

  @Put('targets')
  @Roles('admin')
  @ApiBody({ schema: { example: { targets: { complaintResolutionRate: 0.95, csatAvg: 4.5 } } } })
  setTargets(@CurrentIdentity() identity: Identity, @Body() body: unknown) {
    return this.kpis.setTargets(identity, body);
  }

  @Get('agents')
  @ApiQuery({ name: 'teamId', required: false })
  @ApiQuery({ name: 'month', required: false, description: 'YYYY-MM, default this month' })
  agents(@CurrentIdentity() identity: Identity, @Query() query: Record<string, unknown>) {
    return this.kpis.agents(identity, query);
  }
}
