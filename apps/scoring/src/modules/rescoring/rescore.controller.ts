import { InjectQueue } from '@nestjs/bullmq';
import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentIdentity, Identity, Roles, tenantOf, TraceId } from '@qa/platform';
import type { Queue } from 'bullmq';
import { EvaluationError } from '../evaluations/evaluations.errors';
import { ScorecardsService } from '../scorecards/scorecards.service';
import { RescoreRequestDto } from './dto/rescore.request.dto';
import { RESCORE_QUEUE, RescoreJobData } from './rescore.types';

@ApiTags('scorecards')
@Controller('api/v1/scorecards')
export class RescoreController {
  constructor(
    @InjectQueue(RESCORE_QUEUE) private readonly queue: Queue<RescoreJobData>,
    private readonly scorecards: ScorecardsService,
  ) {}

  /** Starts a background re-score of stored calls; 202 with the job id to poll. */
  @Post(':key/versions/:version/rescore')
  @HttpCode(202)
  @Roles('admin', 'qa')
  async start(
    @CurrentIdentity() identity: Identity,
    @Param('key') key: string,
    @Param('version', ParseIntPipe) version: number,
    @Body() dto: RescoreRequestDto,
    @TraceId() traceId: string,
  ) {
    const tenantId = tenantOf(identity);
    await this.scorecards.get(tenantId, key, version);
    const from = new Date(dto.from);
    const to = new Date(dto.to);
    if (!(from < to)) throw EvaluationError.badPeriod();
    const dryRun = dto.dryRun ?? true;
    // Deterministic id: asking twice for the same re-score gives the same job, not a second one.
    const jobId = [
      'rescore',
      tenantId,
      key,
      `v${version}`,
      from.getTime(),
      to.getTime(),
      dryRun ? 'dry' : 'run',
    ].join('.');
    const job = await this.queue.add(
      'rescore',
      {
        tenantId,
        scorecardKey: key,
        version,
        from: from.toISOString(),
        to: to.toISOString(),
        dryRun,
        traceId,
      },
      {
        jobId,
        removeOnComplete: { age: 86400 },
        removeOnFail: { age: 7 * 86400 },
        attempts: 3,
        backoff: { type: 'exponential', delay: 2000 },
      },
    );
    return { jobId: job.id, state: await job.getState() };
  }

  @Get('rescore-jobs/:jobId')
  @Roles('admin', 'qa')
  async status(@CurrentIdentity() identity: Identity, @Param('jobId') jobId: string) {
    const job = await this.queue.getJob(jobId);
    if (!job || job.data.tenantId !== identity.tenantId)
      throw EvaluationError.notFound(`job ${jobId}`);
    return {
      jobId: job.id,
      state: await job.getState(),
      progress: job.progress,
      dryRun: job.data.dryRun,
      result: job.returnvalue ?? null,
      failedReason: job.failedReason ?? null,
    };
  }
}
