export interface MessagingOptions {
  /** Service name: Kafka client id and inbox consumer name. */
  service: string;
  /** Consumer group id (default: the service name). */
  groupId?: string;
  /** Postgres schema holding this service's outbox and inbox tables. */
  schema: string;
  brokers: string[];
  partitions: number;
  /** Topics this service publishes; created at start-up. */
  produces: readonly string[];
  /** Run the outbox relay in this process (default true). */
  relay?: boolean;
  relayPollMs?: number;
  relayBatchSize?: number;
  /** Handler attempts before a message is dead-lettered (default 5). */
  maxAttempts?: number;
  retryBaseMs?: number;
  /** Messages applied per database transaction (default 100). */
  consumeChunkSize?: number;
  /** Partitions handled at the same time (default: `partitions`). */
  partitionsConcurrency?: number;
  /** Told what the relay published and what was dead-lettered (the service's metrics). */
  observer?: MessagingObserver;
  /** Called when the consumer crashed and kafkajs will not restart it (main.ts exits). */
  onFatal?: (err: Error) => void;
}

export interface MessagingObserver {
  published?(topic: string, count: number): void;
  deadLettered?(topic: string, reason: string): void;
  /** A handler failed on a message and will run it again. */
  retried?(topic: string): void;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const KAFKA = Symbol('KAFKA');
