/** Every BullMQ queue, named once (as Topics names the Kafka topics); never rename one in use. */
export const Queues = {
  /** scoring: re-score stored calls with a scorecard version. */
  Rescore: 'rescore',
  /** complaints: SLA timers and callback deadlines of tickets. */
  ComplaintSla: 'complaint-sla',
} as const;

export type QueueName = (typeof Queues)[keyof typeof Queues];
