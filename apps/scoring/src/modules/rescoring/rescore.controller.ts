import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentIdentity, Identity, Roles, tenantOf, TraceId } from '@qa/platform';
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
  @ApiAcceptedResponse({ description: '{jobId}: poll GET rescore-jobs/:jobId' })
  @ApiProblems({
    400: 'invalid fields, named (from, to, dryRun), or a version that is not a number',
    404: 'no such scorecard version',
  })
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
  @ApiOkResponse({ description: '{state, progress, result}' })
  @ApiProblems({ 404: "no such job in the caller's tenant" })
  status(@CurrentIdentity() identity: Identity, @Param('jobId') jobId: string) {
    return this.rescore.status(identity.tenantId, jobId);
  }
}
