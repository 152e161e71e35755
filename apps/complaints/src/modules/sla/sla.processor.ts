import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Queues, traceJob } from '@qa/platform';
import type { Job } from 'bullmq';
import { BreachOutcome, SlaBreachService } from './sla-breach.service';
import { SlaJobData } from './sla.types';

@Processor(Queues.ComplaintSla, { concurrency: 4 })
export class SlaProcessor extends WorkerHost {
  private readonly logger = new Logger(SlaProcessor.name);

  constructor(private readonly breaches: SlaBreachService) {
    super();
  }

  process(job: Job<SlaJobData>): Promise<BreachOutcome> {
    return traceJob(Queues.ComplaintSla, job, () => this.breaches.fire(job.data, new Date()));
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<SlaJobData> | undefined, err: Error): void {
    this.logger.error(
      { jobId: job?.id, ticketId: job?.data.ticketId, err: err.message },
      'SLA job failed',
    );
  }
}
