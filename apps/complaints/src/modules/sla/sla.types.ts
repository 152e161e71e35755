import type { SlaPurpose } from '../../domain/ticket-clocks';

/** Ids only: the processor re-reads the ticket, which is the truth. */
export interface SlaJobData {
  tenantId: string;
  ticketId: string;
  purpose: SlaPurpose;
  dueAt: string;
}

/** Deterministic: the same deadline never gets two jobs (BullMQ ids allow exactly two colons). */
export const slaJobId = (d: SlaJobData): string =>
  `sla:${d.ticketId}:${d.purpose}@${Date.parse(d.dueAt)}`;
