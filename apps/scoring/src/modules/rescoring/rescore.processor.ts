import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Queues, traceJob } from '@qa/platform';
import type { Job } from 'bullmq';
import { RescoreService } from './rescore.service';
import { RescoreJobData, RescoreSummary } from './rescore.types';

@Processor(Queues.Rescore, { concurrency: 1 })
export class RescoreProcessor extends WorkerHost {
  private readonly logger = new Logger(RescoreProcessor.name);

  constructor(private readonly rescore: RescoreService) {
    super();
  }

  process(job: Job<RescoreJobData>): Promise<RescoreSummary> {
    return traceJob(Queues.Rescore, job, () =>
      this.rescore.run(job.data, (percent) => job.updateProgress(percent)),
    );
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<RescoreJobData> | undefined, err: Error): void {
    this.logger.error({ jobId: job?.id, err: err.message }, 'rescore job failed');
  }
}
