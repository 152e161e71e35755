import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The optional bearer token a scraper must send (METRICS_TOKEN). */
export const METRICS_TOKEN = Symbol('METRICS_TOKEN');

/**
 * One registry per service instance (integration tests run several services in one process, and
 * prom-client's global registry would refuse the second), with the metrics every service has:
 * process and event-loop figures, HTTP latency by route, events published and dead-lettered.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly http: Histogram<'method' | 'route' | 'status'>;
  readonly published: Counter<'topic'>;
  readonly deadLetters: Counter<'topic' | 'reason'>;
  readonly retries: Counter<'topic'>;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    // Includes nodejs_eventloop_lag_seconds and the event-loop delay percentiles.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    this.http = new Histogram({
      name: 'qa_http_request_duration_seconds',
      help: 'HTTP request latency by route (the route pattern, not the path) and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.published = new Counter({
      name: 'qa_events_published_total',
      help: 'Events the outbox relay published, by topic (evaluations/s: qa.evaluation.scored.v1)',
      labelNames: ['topic'],
      registers: [this.registry],
    });
    this.deadLetters = new Counter({
      name: 'qa_dead_letters_total',
      help: 'Messages sent to a dead-letter topic, by source topic and kind of reason',
      labelNames: ['topic', 'reason'],
      registers: [this.registry],
    });
    this.retries = new Counter({
      name: 'qa_consumer_retries_total',
      help: 'Handler failures on a message that will be tried again (before it is dead-lettered)',
      labelNames: ['topic'],
      registers: [this.registry],
    });
  }

  deadLettered(topic: string, reason: string): void {
    this.deadLetters.inc({ topic, reason: reasonKind(reason) });
  }
}

/**
 * A reason's kind: its text up to the first colon ("invalid", "undecodable protobuf", …), so the
 * label stays a handful of values however detailed the reasons are.
 */
export function reasonKind(reason: string): string {
  const kind = reason.split(':')[0].trim().toLowerCase();
  return /^[a-z][a-z0-9 _-]{0,39}$/.test(kind) ? kind : 'other';
}
