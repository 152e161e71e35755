import { isInfrastructureError } from '@qa/persistence';

/** How long a starting service waits for the Kafka broker before it gives up and exits. */
export const BROKER_STARTUP_WAIT_MS = 120_000;

const UNREACHABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSBrokerNotFound',
  'KafkaJSRequestTimeoutError',
]);

/**
 * A broker that is down or not up yet, as kafkajs reports it: directly, or wrapped once its own
 * retries ran out (KafkaJSNumberOfRetriesExceeded, KafkaJSNonRetriableError with a cause).
 */
export function isBrokerUnreachable(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = err; e !== null && typeof e === 'object' && !seen.has(e);) {
    seen.add(e);
    if (UNREACHABLE.has((e as Error).name)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return isInfrastructureError(err);
}
