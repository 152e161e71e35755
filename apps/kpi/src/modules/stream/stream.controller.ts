import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity } from '@qa/platform';
import type { Response } from 'express';
import { StreamService } from './stream.service';

@ApiTags('kpis')
@Controller('api/v1/kpis/stream')
export class StreamController {
  constructor(private readonly stream: StreamService) {}

  @Get()
  @ApiProduces('text/event-stream')
  @ApiQuery({ name: 'scope', required: false, enum: ['tenant', 'team', 'agent'] })
  @ApiQuery({ name: 'id', required: false })
  @ApiQuery({ name: 'window', required: false, enum: ['minute', 'hour', 'day', 'month'] })
  @ApiOkResponse({ description: 'server-sent events: a kpi event per changed bucket' })
  @ApiProblems({
    400: 'a bad query parameter, named',
    403: 'the role may not see that scope',
    404: 'no tenant (the platform admin)',
  })
  async open(
    @CurrentIdentity() identity: Identity,
    @Query() query: Record<string, unknown>,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    await this.stream.open(identity, query, lastEventId, res);
  }
}
