import { Logger } from '@nestjs/common';
import { Kafka, logLevel, LogEntry, ISocketFactory } from 'kafkajs';
import type { Socket } from 'node:net';
import { applyKafkajsIdleLoopFix } from './kafkajs-idle-loop-fix';

applyKafkajsIdleLoopFix();

// Retries are bounded on purpose (the outbox relay and the DLQ producer back off and try again
// themselves; consumers dedupe by event id), so this start-up warning says nothing new.
const EXPECTED = new Set([
  'Limiting retries for the idempotent producer may invalidate EoS guarantees',
]);

const toNest = (namespace: string) => {
  const logger = new Logger(`kafkajs:${namespace}`);
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    if (EXPECTED.has(message)) return;
    if (level <= logLevel.ERROR) logger.error({ ...extra }, message);
    else if (level === logLevel.WARN) logger.warn({ ...extra }, message);
  };
};

const openSockets = new WeakMap<Kafka, Set<Socket>>();

// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafkajsSocketFactory = require('kafkajs/src/network/socketFactory') as () => ISocketFactory;

/** kafkajs's own socket factory, keeping a record of the sockets still open. */
function trackingSocketFactory(open: Set<Socket>): ISocketFactory {
  const create = kafkajsSocketFactory();
  return (options) => {
    const socket = create(options) as Socket;
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    return socket;
  };
}

export function createKafka(clientId: string, brokers: string[]): Kafka {
  const open = new Set<Socket>();
  const kafka = new Kafka({
    clientId,
    brokers,
    connectionTimeout: 3000,
    requestTimeout: 15000,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => toNest(entry.namespace)(entry),
    socketFactory: trackingSocketFactory(open),
  });
  openSockets.set(kafka, open);
  return kafka;
}

/**
 * Closes what is left of a client's connections once all its producers, consumers and admins have
 * disconnected. After the broker has restarted, a kafkajs consumer reaches its group coordinator
 * through a connection outside its broker pool, which disconnect() never closes: left open, it
 * keeps the process from exiting. Each socket is half-closed so that the broker's answering FIN
 * lets kafkajs tear the connection down itself (its request-queue timers too); a socket still
 * open after `graceMs` is destroyed. Resolves to how many sockets were left.
 */
export async function closeKafkaLeftovers(kafka: Kafka, graceMs = 1000): Promise<number> {
  const open = openSockets.get(kafka);
  // Sockets kafkajs has already ended are on their way out.
  const left = [...(open ?? [])].filter((s) => !s.destroyed && !s.writableEnded);
  if (left.length === 0) return 0;
  await Promise.all(
    left.map(
      (socket) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => (socket.destroy(), resolve()), graceMs);
          socket.once('close', () => (clearTimeout(timer), resolve()));
          socket.end();
        }),
    ),
  );
  return left.length;
}
