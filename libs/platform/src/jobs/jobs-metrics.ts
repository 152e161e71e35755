import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue } from 'bullmq';
import { Gauge } from 'prom-client';
import { Metrics } from '../metrics/metrics';

const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** qa_jobs{queue,state}: BullMQ job counts of every queue the app registered, read per scrape. */
@Injectable()
export class JobsMetrics implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    const queues = this.discovery
      .getProviders()
      .map((p) => p.instance as unknown)
      .filter((q): q is Queue => q instanceof Queue);
    new Gauge({
      name: 'qa_jobs',
      help: 'BullMQ jobs by queue and state (waiting, active, delayed, failed)',
      labelNames: ['queue', 'state'],
      registers: [this.metrics.registry],
      async collect(this: Gauge<'queue' | 'state'>) {
        for (const q of queues) {
          const counts = await q.getJobCounts(...STATES);
          for (const state of STATES) this.set({ queue: q.name, state }, counts[state] ?? 0);
        }
      },
    });
  }
}
