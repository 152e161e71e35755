import { Logger } from '@nestjs/common';
import { Kafka, logLevel, LogEntry } from 'kafkajs';

const toNest = (namespace: string) => {
  const logger = new Logger(`kafkajs:${namespace}`);
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    if (level <= logLevel.ERROR) logger.error({ ...extra }, message);
    else if (level === logLevel.WARN) logger.warn({ ...extra }, message);
  };
};

export function createKafka(clientId: string, brokers: string[]): Kafka {
  return new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3000,
    requestTimeout: 15000,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => toNest(entry.namespace)(entry),
  });
}
