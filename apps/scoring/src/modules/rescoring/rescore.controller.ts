import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Identity, Roles, tenantOf, TraceId } from '@qa/platform';
import { RescoreRequestDto } from './dto/rescore.request.dto';
import { RescoreService } from './rescore.service';

@ApiTags('scorecards')
@Controller('api/v1/scorecards')
export class RescoreController {
  constructor(private readonly rescore: RescoreService) {}

  /** Starts a background re-score of stored calls; 202 with the job id to poll. */
  @Post(':key/versions/:version/rescore')
  @HttpCode(202)
  @Roles('admin', 'qa')
  start(
    @CurrentIdentity() identity: Identity,
    @Param('key') key: string,
    @Param('version', ParseIntPipe) version: number,
    @Body() dto: RescoreRequestDto,
    @TraceId() traceId: string,
  ) {
    return this.rescore.start(tenantOf(identity), key, version, dto, traceId);
  }

  @Get('rescore-jobs/:jobId')
  @Roles('admin', 'qa')
  status(@CurrentIdentity() identity: Identity, @Param('jobId') jobId: string) {
    return this.rescore.status(identity.tenantId, jobId);
  }
}
